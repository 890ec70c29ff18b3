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
