"""Redaction (R5xx, the `public` profile): what must not leave the company when a postmortem is
published. Document checks: each numbers its placeholders across the whole document."""
from .business import customers, money
from .contacts import emails, internal_hosts, ip_addresses, phones
from .people import people
from .secrets import credentials, high_entropy

__all__ = ["credentials", "high_entropy", "emails", "phones", "ip_addresses", "internal_hosts",
           "people", "customers", "money"]
