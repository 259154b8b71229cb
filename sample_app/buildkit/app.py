"""Stands in for the app: lesson 12 builds it, it does not serve anything."""

print("Hello from Layer Lab")
