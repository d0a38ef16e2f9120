"""Write use cases of the agreements app, one function each."""

from agreements.services.agreement import (
    SEED_FILE,
    agreement_load_seed,
    version_adopt,
    version_copy,
)

__all__ = ["SEED_FILE", "agreement_load_seed", "version_adopt", "version_copy"]
