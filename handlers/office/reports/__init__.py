"""What the office sees of the movement: status, pending units, any pledge, chart, workbook."""
