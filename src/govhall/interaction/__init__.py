"""互动 — interaction with the public: consultations (咨询), complaints and reports (投诉举报), opinion
solicitations and surveys (意见征集、在线调查), 12345 hotline intake; ratings (好差评) live in the
sub-package ``ratings`` (its own Django app, label ``ratings``). See docs/interaction.md.
"""
