"""The field operation: volunteers, events and shifts, households, walk lists, contact records
captured on phones or paper, coverage per seat, and the data-protection duties that go with
them. Records live in the user-state database (:mod:`hustings.storage`)."""

from hustings.field.canvass import (
    coverage,
    import_contacts,
    import_households,
    record_contacts,
    records_from_json,
)
from hustings.field.model import (
    Channel,
    ContactRecord,
    CoverageRow,
    ImportReport,
    Outcome,
    SyncResult,
)
from hustings.field.organise import (
    WalkList,
    add_event,
    add_shift,
    assign_walk_list,
    attend,
    create_walk_list,
    list_events,
    sign_up,
    walk_list_doors,
    walk_lists,
)
from hustings.field.people import Located, import_volunteers
from hustings.field.privacy import (
    erase_person,
    export_person,
    purge,
    record_intention,
    set_lawful_basis,
)

__all__ = [
    "Channel",
    "ContactRecord",
    "CoverageRow",
    "ImportReport",
    "Located",
    "Outcome",
    "SyncResult",
    "WalkList",
    "add_event",
    "add_shift",
    "assign_walk_list",
    "attend",
    "coverage",
    "create_walk_list",
    "erase_person",
    "export_person",
    "import_contacts",
    "import_households",
    "import_volunteers",
    "list_events",
    "purge",
    "record_contacts",
    "record_intention",
    "records_from_json",
    "set_lawful_basis",
    "sign_up",
    "walk_list_doors",
    "walk_lists",
]
