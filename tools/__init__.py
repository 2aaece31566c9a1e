"""Build and check tools run by the Makefile and the tests."""
