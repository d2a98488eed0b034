"""Analyses over the store (dyad series, timelines); filled in as events and quotes land."""
