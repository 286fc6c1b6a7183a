"""Widgets of the Chokepoint app."""
