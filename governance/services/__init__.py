"""Writes for meetings, minutes, decisions and attachments: one module per subject.

Views, forms, commands and the demo call these; none repeats a rule.
"""
