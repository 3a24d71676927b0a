"""The rule language: rule files, their patterns and conditions, and the kinds of rule."""
