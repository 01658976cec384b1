"""State changes of the ``interaction`` context: consultations, complaints, hotline intake, rules, the tick."""
