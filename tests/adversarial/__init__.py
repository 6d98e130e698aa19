"""Adversarial inputs for every command: see cases.py for the tables."""
