"""The planted postmortem of the redaction tests. Its secrets are built from pieces here (AWS's
documentation key pair, a made-up token and key body), so that no credential sits in the
repository as one string."""
from __future__ import annotations

AWS_ID = "AKIA" + "IOSFODNN7" + "EXAMPLE"
AWS_SECRET = "wJalrXUtnFEMI/" + "K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
GITHUB_TOKEN = "ghp" + "_" + "Xq7" * 4 + "Lm2Pz9" * 4
KEY_LINES = ["-----BEGIN RSA " + "PRIVATE KEY-----",
             "MIIEpAIBAAKCAQEA" + "q1w2e3r4t5y6" * 4,
             "Zx9Yw8Vu7Ts6Rq5P" + "o4n3m2l1k0j9" * 4,
             "-----END RSA " + "PRIVATE KEY-----"]

TEMPLATE = """# Postmortem: payment webhooks failed

## Summary

On 2024-03-04 webhooks to merchants failed for 52 minutes. Maria Chen led the response with
Tomasz Nowak.

## Impact

About 1,900 merchants saw delayed payouts, and the outage cost $48,000 in lost revenue.

## Timeline

- 10:02 The queue alert paged Maria Chen.
- 10:09 Maria asked @dkowalski to check the consumer logs.
- 10:15 Tomasz found the token error in the worker log (below).
- 10:31 Tomasz restarted the consumers on 10.20.4.17.
- 10:54 Maria confirmed recovery and wrote to ops-review@acmepay.io.

```text
10:15:02 worker[311] auth failed for token {token} on ledger.payments.internal
```

## Root cause

The deploy job's credentials were stored in the repository:

```ini
aws_access_key_id = {aws_id}
aws_secret_access_key = "{aws_secret}"
```

and the signing key was committed beside them:

```
{key}
```

## Action items

- Move the deploy credentials to the vault (owner: Maria, due 2024-03-18).
"""


def planted() -> str:
    return TEMPLATE.format(token=GITHUB_TOKEN, aws_id=AWS_ID, aws_secret=AWS_SECRET, key="\n".join(KEY_LINES))


def redacted_by_hand() -> str:
    """What `redact` must produce: each planted item replaced, consistently, nothing else."""
    text = TEMPLATE.format(token="[REDACTED]", aws_id="[REDACTED]", aws_secret="[REDACTED]",
                           key="\n".join(["[REDACTED]"] * len(KEY_LINES)))
    for original, placeholder in [("Maria Chen", "Engineer A"), ("Maria", "Engineer A"),
                                  ("Tomasz Nowak", "Engineer B"), ("Tomasz", "Engineer B"),
                                  ("@dkowalski", "Engineer C"),
                                  ("ledger.payments.internal", "[internal host 1]"),
                                  ("10.20.4.17", "[IP address 1]"),
                                  ("ops-review@acmepay.io", "[email 1]"),
                                  ("$48,000", "[amount 1]")]:
        text = text.replace(original, placeholder)
    return text
