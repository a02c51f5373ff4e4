"""Small, tested helpers that the handbook's examples build and the Reference section documents."""
