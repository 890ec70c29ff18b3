Profile: PassageReferralTask
Parent: Task
Id: passage-referral-task
Title: "Passage referral Task"
Description: "The workflow Task of a referral: the gateway is the queue; the requester site creates it, the owner site accepts, rejects or completes it. Rejections and cancellations carry a coded reason."
* ^status = #draft
* status from $task-status-vs (required)
* statusReason MS
* statusReason from $task-status-reason-vs (required)
* businessStatus MS
* intent = #order
* code 1..1 MS
* code = $task-code#fulfill
* focus 1..1 MS
* focus only Reference(PassageReferral)
* for 1..1 MS
* for only Reference(PassageClient)
* authoredOn 1..1 MS
* lastModified MS
* requester 1..1 MS
* requester only Reference(PassageSite)
* owner 0..1 MS
* owner only Reference(PassageSite)
* owner ^short = "The site the referral is addressed to; absent for an open referral until a site claims it"
* performerType 0..1 MS
* performerType from $site-type-vs (required)
* performerType ^short = "For an open referral: the kind of site whose general inbox it goes to"
* partOf 0..1 MS
* partOf only Reference(PassageReferralTask)
* partOf ^short = "The earlier referral Task this one re-refers"
* output MS
* output ^short = "The outcome, for example the service episode the referral started"
* output.value[x] only Reference or CodeableConcept or string
* obeys passage-rejection-reason and passage-cancellation-reason and passage-task-addressee

Invariant: passage-rejection-reason
Description: "A rejected referral Task carries a coded rejection reason."
Expression: "status = 'rejected' implies statusReason.coding.where(system = 'https://passage-gateway.org/fhir/CodeSystem/passage-rejection-reason').exists()"
Severity: #error

Invariant: passage-task-addressee
Description: "A referral Task is addressed to a site (owner) or, open, to a kind of site (performerType)."
Expression: "owner.exists() or performerType.exists()"
Severity: #error

Invariant: passage-cancellation-reason
Description: "A cancelled referral Task carries a coded cancellation reason."
Expression: "status = 'cancelled' implies statusReason.coding.where(system = 'https://passage-gateway.org/fhir/CodeSystem/passage-cancellation-reason').exists()"
Severity: #error
