"""Indicators A-F: catalogue, registers, trade data, series and their assessment."""
