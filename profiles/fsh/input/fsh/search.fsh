Instance: Task-priority-rank
InstanceOf: SearchParameter
Title: "Referral Task priority rank"
Usage: #definition
* url = "https://passage-gateway.org/fhir/SearchParameter/Task-priority-rank"
* name = "priority-rank"
* status = #active
* description = "The urgency of a referral Task as a number for sorting an inbox (_sort=priority-rank): stat 1, asap 2, urgent 3, routine or none 4. Sorting by the priority code itself would order the codes alphabetically."
* code = #priority-rank
* base = #Task
* type = #number
* expression = "iif(Task.priority = 'stat', 1, iif(Task.priority = 'asap', 2, iif(Task.priority = 'urgent', 3, 4)))"

Instance: Task-owner-status
InstanceOf: SearchParameter
Title: "Referral Task owner and status together"
Usage: #definition
* extension[0].url = "http://hapifhir.io/fhir/StructureDefinition/sp-unique"
* extension[0].valueBoolean = false
* url = "https://passage-gateway.org/fhir/SearchParameter/Task-owner-status"
* name = "owner-status"
* status = #active
* description = "An index of a Task's owner and status together, so that an inbox search (Task?owner=Organization/...&status=...) is one index lookup however many Tasks the gateway holds. Clients keep searching with owner and status; the gateway answers such a search from this index (a HAPI FHIR non-unique combo search parameter)."
* code = #owner-status
* base = #Task
* type = #composite
* expression = "Task"
* component[0].definition = "http://hl7.org/fhir/SearchParameter/Task-owner"
* component[0].expression = "Task"
* component[1].definition = "http://hl7.org/fhir/SearchParameter/Task-status"
* component[1].expression = "Task"

Instance: HealthcareService-capacity-status
InstanceOf: SearchParameter
Title: "Capacity status of a service"
Usage: #definition
* url = "https://passage-gateway.org/fhir/SearchParameter/HealthcareService-capacity-status"
* name = "capacity-status"
* status = #active
* description = "The capacity status its site last gave a service (passage-capacity-status). The gateway answers a search for a status only with services whose status is still current (freshUntil not passed); capacity-status=stale finds those whose status is out of date."
* code = #capacity-status
* base = #HealthcareService
* type = #token
* expression = "HealthcareService.extension('https://passage-gateway.org/fhir/StructureDefinition/passage-capacity').extension('status').value"

Instance: HealthcareService-capacity-fresh-until
InstanceOf: SearchParameter
Title: "Until when a service's capacity status is current"
Usage: #definition
* url = "https://passage-gateway.org/fhir/SearchParameter/HealthcareService-capacity-fresh-until"
* name = "capacity-fresh-until"
* status = #active
* description = "Until when a service's capacity status is current: when its site updated it plus the refresh interval the site declared."
* code = #capacity-fresh-until
* base = #HealthcareService
* type = #date
* expression = "HealthcareService.extension('https://passage-gateway.org/fhir/StructureDefinition/passage-capacity').extension('freshUntil').value"

Instance: HealthcareService-site-type
InstanceOf: SearchParameter
Title: "Kind of site of a service"
Usage: #definition
* url = "https://passage-gateway.org/fhir/SearchParameter/HealthcareService-site-type"
* name = "site-type"
* status = #active
* description = "The kind of the site that provides the service (passage-site-type)."
* code = #site-type
* base = #HealthcareService
* type = #token
* expression = "HealthcareService.extension('https://passage-gateway.org/fhir/StructureDefinition/passage-service-site-type').value"
