"""Pickup slips, the daily pickup list and the customer pickup card, drawn once in millimetres."""
