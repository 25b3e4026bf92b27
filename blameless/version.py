"""The package version (its own module, so that any part may read it without importing the whole
package)."""
__version__ = "0.1.0"
