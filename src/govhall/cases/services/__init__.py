"""Writes of the ``cases`` context. Every function runs in one transaction and audits what it changed.

``applicants`` — who applies (a person, or an enterprise through its representative or agent);
``drafts`` — saving as one types, attaching materials; ``submit`` — a draft (or a window intake)
becomes a case, exactly once; ``handling`` — acceptance, corrections, review, parallel and
preliminary opinions, decisions, extensions, special procedures, withdrawal, visits;
``flow`` — the glue to the workflow engine and the staff inbox (``CaseTask`` rows).
"""
