"""Values of the wrong type must be flagged by type checkers."""

from provisioning_schema import (
    BatchProvisionUsersRequestItem,
    BatchProvisionUsersRequestItemStatus,
    Contact,
)

BatchProvisionUsersRequestItem(
    status=BatchProvisionUsersRequestItemStatus.ENABLED,
    contact=Contact(),
    extension_number=101,
)
