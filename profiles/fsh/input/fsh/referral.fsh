Profile: PassageReferral
Parent: ServiceRequest
Id: passage-referral
Title: "Passage referral"
Description: "A referral of a client from one member site to another for a Passage service, with its coded reasons, its priority and, for a client at risk of violence, an instruction on how she may (or may not) be contacted."
* ^status = #draft
* extension contains PassageContactSafety named contactSafety 0..1 MS
* status MS
* intent = #order
* code 1..1 MS
* code from $service-type-vs (required)
* code ^short = "The service the client is referred for"
* reasonCode 1..* MS
* reasonCode from $referral-reason-vs (required)
* priority 1..1 MS
* subject only Reference(PassageClient)
* subject MS
* authoredOn 1..1 MS
* requester 1..1 MS
* requester only Reference(PassageSite)
* requester ^short = "The referring site"
* performer 0..1 MS
* performer only Reference(PassageSite)
* performer ^short = "The site the client is referred to; absent for an open referral until a site claims it"
* performerType 0..1 MS
* performerType from $site-type-vs (required)
* performerType ^short = "For an open referral: the kind of site whose general inbox it goes to"
* obeys passage-referral-addressee
* supportingInfo MS
* supportingInfo ^short = "Information the receiving site needs, disclosed only as the client's consent allows"
* specimen 0..0
* bodySite 0..0

Invariant: passage-referral-addressee
Description: "A referral is addressed to a site (performer) or, open, to a kind of site (performerType)."
Expression: "performer.exists() or performerType.exists()"
Severity: #error

Extension: PassageContactSafety
Id: passage-contact-safety
Title: "Contact safety"
Description: "Whether and how the receiving site may contact the client. For a client at risk of violence, a call, letter or message that reaches the wrong person can be dangerous."
Context: ServiceRequest
* extension contains doNotContact 1..1 and instruction 0..1
* extension[doNotContact].value[x] only boolean
* extension[doNotContact] ^short = "True: the site must not contact the client; she will come or the referrer will arrange contact"
* extension[instruction].value[x] only string
* extension[instruction] ^short = "How she may safely be contacted (for example: only through the referring outreach worker)"
