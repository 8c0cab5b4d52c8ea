"""Reads for meetings, minutes and decisions, each with a fixed number of queries."""
