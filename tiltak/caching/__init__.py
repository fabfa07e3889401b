"""The data version (a counter every change to public data moves on) and HTTP page caching."""
