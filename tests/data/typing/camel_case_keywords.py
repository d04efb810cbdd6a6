"""Wire names are not constructor keywords: type checkers must flag both calls."""

from provisioning_schema import Contact, CostCenter

Contact(firstName="Jane")
CostCenter(id="224149")
