"""Build, validate and send-ready dump a batch provisioning request in Python.

Run it with ``python examples/usage.py``; it prints the wire JSON, then the
problems found in a payload that came from elsewhere.
"""

from __future__ import annotations

from pydantic import ValidationError

from provisioning_schema import (
    BatchProvisionUsersRequest,
    BatchProvisionUsersRequestItem,
    BatchProvisionUsersRequestItemDevices,
    BatchProvisionUsersRequestItemRoles,
    BatchProvisionUsersRequestItemStatus,
    BatchProvisionUsersResponse,
    Contact,
    CostCenter,
    DeviceDefinition,
    DeviceType,
    EmergencyLocation,
    EmergencyLocationReference,
    PhoneNumberDefinitionTollType,
    TollType,
    Transition,
    ValidationOptions,
    pair_results,
)

# Python code uses the snake_case names; type checkers and IDEs see them.
jane = BatchProvisionUsersRequestItem(
    status=BatchProvisionUsersRequestItemStatus.ENABLED,
    contact=Contact(
        first_name="Jane",
        last_name="Roe",
        email="jane.roe@example.com",
        mobile_number="+16505550123",
        email_as_login_name=True,
        transition=Transition(send_welcome_email=False),
    ),
    extension_number="101",
    cost_center=CostCenter(id_="224149"),
    roles=[BatchProvisionUsersRequestItemRoles(id_="1")],
    devices=[
        BatchProvisionUsersRequestItemDevices(
            device_info=DeviceDefinition(
                type_=DeviceType.OTHER_PHONE,
                emergency=EmergencyLocation(
                    location=EmergencyLocationReference(id_="1009")
                ),
                phone_info=PhoneNumberDefinitionTollType(toll_type=TollType.TOLL),
            )
        )
    ],
)
request = BatchProvisionUsersRequest(records=[jane])

# The wire is camelCase and carries no nulls: this is the body to POST.
body = request.model_dump_json(indent=2)
print(body)

# Payloads from other systems are validated with the account's options.
options: ValidationOptions = {"max_extension_length": 4, "wire_names_only": True}
payload = {
    "records": [
        {"status": "enabled", "contact": {"mobileNumber": "+1 650-555-0123"}},
        {"status": "Enabled", "contact": {"emial": "sam@example.com"}},
    ]
}
try:
    BatchProvisionUsersRequest.model_validate(payload, context=options)
except ValidationError as error:
    for problem in error.errors(include_url=False):
        print(problem["loc"], problem["type"], problem["msg"])

# The API answers each record in order; pair results with their records.
response = BatchProvisionUsersResponse.model_validate(
    {"results": [{"successful": True, "extension": {"id": "62001", "devices": []}}]}
)
for outcome in pair_results(request, response):
    print(outcome.index, outcome.record.contact.email, outcome.succeeded)
