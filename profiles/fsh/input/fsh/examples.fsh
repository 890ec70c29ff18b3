// Examples: the demo network's sites, clients and referral scenarios. They go into the package's
// example folder, so the gateway never installs them as data.

Instance: hr-1
InstanceOf: PassageSite
Title: "Riverside Harm Reduction Service"
Usage: #example
* identifier[siteCode].value = "hr-1"
* active = true
* type = $site-type#harm-reduction-site "Harm reduction site"
* name = "Riverside Harm Reduction Service"
* endpoint = Reference(Endpoint/hr-1-fhir)

Instance: anc-1
InstanceOf: PassageSite
Title: "Eastgate Antenatal Clinic"
Usage: #example
* identifier[siteCode].value = "anc-1"
* active = true
* type = $site-type#antenatal-clinic "Antenatal clinic"
* name = "Eastgate Antenatal Clinic"
* address.city = "Eastgate"

Instance: shelter-1
InstanceOf: PassageSite
Title: "Safe Haven Women's Shelter (no address published)"
Usage: #example
* identifier[siteCode].value = "shelter-1"
* active = true
* type = $site-type#womens-shelter "Women's shelter"
* name = "Safe Haven Women's Shelter"

Instance: prison-1
InstanceOf: PassageSite
Title: "North Women's Prison Health Unit"
Usage: #example
* identifier[siteCode].value = "prison-1"
* active = true
* type = $site-type#prison-health-unit "Prison health unit"
* name = "North Women's Prison Health Unit"

Instance: ost-1
InstanceOf: PassageSite
Title: "Harbour OST Clinic"
Usage: #example
* identifier[siteCode].value = "ost-1"
* active = true
* type = $site-type#ost-provider "OST provider"
* name = "Harbour OST Clinic"

Instance: hr-1-fhir
InstanceOf: PassageEndpoint
Title: "The harm reduction site's clinic system"
Usage: #example
* status = #active
* connectionType = $endpoint-connection-type#hl7-fhir-rest
* managingOrganization = Reference(Organization/hr-1)
* payloadType = http://hl7.org/fhir/resource-types#Task
* payloadMimeType = #application/fhir+json
* address = "https://ehr.riverside-hr.example.org/fhir"

Instance: hs-shelter-1-place
InstanceOf: PassageHealthcareService
Title: "Shelter places, with free capacity"
Usage: #example
* active = true
* providedBy = Reference(Organization/shelter-1)
* type = $service-type#shelter "Shelter place"
* availableTime[0].allDay = true
* availableTime[0].daysOfWeek[0] = #mon
* availableTime[0].daysOfWeek[1] = #tue
* availableTime[0].daysOfWeek[2] = #wed
* availableTime[0].daysOfWeek[3] = #thu
* availableTime[0].daysOfWeek[4] = #fri
* availableTime[0].daysOfWeek[5] = #sat
* availableTime[0].daysOfWeek[6] = #sun
* availableTime[0].extension[womenOnly].valueBoolean = true
* characteristic[0] = https://passage-gateway.org/fhir/CodeSystem/passage-eligibility#accepts-current-drug-use
* characteristic[1] = https://passage-gateway.org/fhir/CodeSystem/passage-eligibility#accepts-ost
* characteristic[2] = https://passage-gateway.org/fhir/CodeSystem/passage-eligibility#accepts-children
* characteristic[3] = https://passage-gateway.org/fhir/CodeSystem/passage-eligibility#women-only
* extension[capacity].extension[status].valueCode = #capacity
* extension[capacity].extension[available].valueUnsignedInt = 2
* extension[capacity].extension[maximum].valueUnsignedInt = 12
* extension[capacity].extension[unit].valueCode = #places
* extension[capacity].extension[updated].valueDateTime = "2026-11-02T08:00:00Z"
* extension[capacity].extension[refreshInterval].valueDuration = 1 'd' "day"
* extension[capacity].extension[freshUntil].valueDateTime = "2026-11-03T08:00:00Z"

Instance: hs-hr-1-nsp
InstanceOf: PassageHealthcareService
Title: "Needle and syringe programme, with women-only hours"
Usage: #example
* active = true
* providedBy = Reference(Organization/hr-1)
* type = $service-type#nsp "Needle and syringe programme"
* availableTime[0].daysOfWeek[0] = #mon
* availableTime[0].daysOfWeek[1] = #wed
* availableTime[0].daysOfWeek[2] = #fri
* availableTime[0].availableStartTime = "09:00:00"
* availableTime[0].availableEndTime = "17:00:00"
* availableTime[1].daysOfWeek[0] = #tue
* availableTime[1].availableStartTime = "14:00:00"
* availableTime[1].availableEndTime = "18:00:00"
* availableTime[1].extension[womenOnly].valueBoolean = true

Instance: client-1
InstanceOf: PassageClient
Title: "A pseudonymous client: pseudonym, gender and birth year only"
Usage: #example
* identifier[pseudonym].value = "1-H4BK-VNWW-TA98-X"
* gender = #female
* birthDate = "1996"

Instance: client-3
InstanceOf: PassageClient
Title: "A client escaping violence"
Usage: #example
* identifier[pseudonym].value = "1-CZTY-1GQ4-142M-F"
* gender = #female
* birthDate = "1993"

Instance: client-4
InstanceOf: PassageClient
Title: "A client in custody, before release"
Usage: #example
* identifier[pseudonym].value = "1-A2ZE-JAM0-K2R8-*"
* gender = #female
* birthDate = "1987"

Instance: sr-anc-1
InstanceOf: PassageReferral
Title: "Scenario: harm reduction site to antenatal clinic, pregnancy care"
Usage: #example
* status = #active
* intent = #order
* priority = #urgent
* code = $service-type#prenatal-care "Prenatal and postnatal care"
* reasonCode = $referral-reason#pregnancy-care "Pregnancy care needed"
* subject = Reference(Patient/client-1)
* requester = Reference(Organization/hr-1)
* performer = Reference(Organization/anc-1)
* authoredOn = "2026-11-02T09:00:00Z"

Instance: task-anc-1
InstanceOf: PassageReferralTask
Title: "Scenario: the antenatal referral, requested"
Usage: #example
* status = #requested
* intent = #order
* priority = #urgent
* code = $task-code#fulfill "Fulfill the focal request"
* focus = Reference(ServiceRequest/sr-anc-1)
* for = Reference(Patient/client-1)
* requester = Reference(Organization/hr-1)
* owner = Reference(Organization/anc-1)
* authoredOn = "2026-11-02T09:00:00Z"
* lastModified = "2026-11-02T09:00:00Z"

Instance: client-2
InstanceOf: PassageClient
Title: "A client with TB symptoms"
Usage: #example
* identifier[pseudonym].value = "1-DCVD-7913-PDCE-W"
* gender = #female
* birthDate = "1989"

Instance: tb-1
InstanceOf: PassageSite
Title: "Central TB Service"
Usage: #example
* identifier[siteCode].value = "tb-1"
* active = true
* type = $site-type#tb-service "TB service"
* name = "Central TB Service"

Instance: sr-tb-1
InstanceOf: PassageReferral
Title: "Scenario: harm reduction site to TB service, presumptive TB"
Usage: #example
* status = #active
* intent = #order
* priority = #routine
* code = $service-type#tb "Tuberculosis prevention, diagnosis and treatment"
* reasonCode = $referral-reason#presumptive-tb "Presumptive tuberculosis"
* subject = Reference(Patient/client-2)
* requester = Reference(Organization/hr-1)
* performer = Reference(Organization/tb-1)
* authoredOn = "2026-11-02T10:00:00Z"

Instance: task-tb-1-accepted
InstanceOf: PassageReferralTask
Title: "Scenario: the TB referral, accepted"
Usage: #example
* status = #accepted
* businessStatus.text = "Sputum test booked"
* intent = #order
* priority = #routine
* code = $task-code#fulfill "Fulfill the focal request"
* focus = Reference(ServiceRequest/sr-tb-1)
* for = Reference(Patient/client-2)
* requester = Reference(Organization/hr-1)
* owner = Reference(Organization/tb-1)
* authoredOn = "2026-11-02T10:00:00Z"
* lastModified = "2026-11-02T14:30:00Z"

Instance: sr-shelter-1
InstanceOf: PassageReferral
Title: "Scenario: harm reduction site to women's shelter, do not contact"
Usage: #example
* status = #active
* intent = #order
* priority = #asap
* code = $service-type#shelter "Shelter place"
* reasonCode[0] = $referral-reason#violence-safety "Violence and safety"
* reasonCode[1] = $referral-reason#housing "Housing or shelter need"
* subject = Reference(Patient/client-3)
* requester = Reference(Organization/hr-1)
* performer = Reference(Organization/shelter-1)
* authoredOn = "2026-11-02T11:00:00Z"
* extension[contactSafety].extension[doNotContact].valueBoolean = true
* extension[contactSafety].extension[instruction].valueString = "Do not phone or message her. The outreach worker at the referring site will bring her to the shelter."

Instance: task-shelter-1-rejected
InstanceOf: PassageReferralTask
Title: "Scenario: the shelter referral, rejected for lack of places"
Usage: #example
* status = #rejected
* statusReason = $rejection-reason#no-capacity "No capacity"
* businessStatus.text = "No free place tonight; two expected tomorrow"
* intent = #order
* priority = #asap
* code = $task-code#fulfill "Fulfill the focal request"
* focus = Reference(ServiceRequest/sr-shelter-1)
* for = Reference(Patient/client-3)
* requester = Reference(Organization/hr-1)
* owner = Reference(Organization/shelter-1)
* authoredOn = "2026-11-02T11:00:00Z"
* lastModified = "2026-11-02T11:20:00Z"

Instance: sr-ost-1
InstanceOf: PassageReferral
Title: "Scenario: prison health unit to OST provider, before release"
Usage: #example
* status = #active
* intent = #order
* priority = #urgent
* code = $service-type#ost "Opioid substitution therapy and drug dependence treatment"
* reasonCode[0] = $referral-reason#ost-continuity "Continuity of opioid substitution therapy"
* reasonCode[1] = $referral-reason#release-planning "Release planning"
* subject = Reference(Patient/client-4)
* requester = Reference(Organization/prison-1)
* performer = Reference(Organization/ost-1)
* occurrenceDateTime = "2026-11-10"
* authoredOn = "2026-11-03T09:00:00Z"

Instance: task-ost-1-completed
InstanceOf: PassageReferralTask
Title: "Scenario: the OST referral, completed, with the episode it started"
Usage: #example
* status = #completed
* businessStatus.text = "First dose given on the day of release"
* intent = #order
* priority = #urgent
* code = $task-code#fulfill "Fulfill the focal request"
* focus = Reference(ServiceRequest/sr-ost-1)
* for = Reference(Patient/client-4)
* requester = Reference(Organization/prison-1)
* owner = Reference(Organization/ost-1)
* authoredOn = "2026-11-03T09:00:00Z"
* lastModified = "2026-11-10T15:00:00Z"
* output[0].type.text = "Service episode"
* output[0].valueReference = Reference(EpisodeOfCare/eoc-ost-1)

Instance: task-ost-1-rereferral
InstanceOf: PassageReferralTask
Title: "Scenario: a re-referral, part of an earlier Task"
Usage: #example
* status = #cancelled
* statusReason = $cancellation-reason#client-detained "Client detained"
* intent = #order
* priority = #routine
* code = $task-code#fulfill "Fulfill the focal request"
* focus = Reference(ServiceRequest/sr-ost-1)
* partOf = Reference(Task/task-ost-1-completed)
* for = Reference(Patient/client-4)
* requester = Reference(Organization/prison-1)
* owner = Reference(Organization/ost-1)
* authoredOn = "2026-11-20T09:00:00Z"

Instance: eoc-ost-1
InstanceOf: PassageServiceEpisode
Title: "Scenario: an OST episode started by a referral from prison"
Usage: #example
* status = #active
* type = $service-type#ost "Opioid substitution therapy and drug dependence treatment"
* patient = Reference(Patient/client-4)
* managingOrganization = Reference(Organization/ost-1)
* period.start = "2026-11-10"
* referralRequest = Reference(ServiceRequest/sr-ost-1)

Instance: eoc-shelter-stay
InstanceOf: PassageServiceEpisode
Title: "A finished shelter stay"
Usage: #example
* status = #finished
* type = $service-type#shelter "Shelter place"
* patient = Reference(Patient/client-3)
* managingOrganization = Reference(Organization/shelter-1)
* period.start = "2026-11-03"
* period.end = "2026-11-17"

Instance: consent-client-1
InstanceOf: PassageConsent
Title: "Scenario: share with antenatal clinics, pregnancy care included, but never her drug use"
Usage: #example
* status = #active
* scope = $consentscope#patient-privacy
* category = $loinc#59284-0 "Patient Consent"
* patient = Reference(Patient/client-1)
* dateTime = "2026-11-02T08:45:00Z"
* performer = Reference(Patient/client-1)
* organization = Reference(Organization/hr-1)
* policyRule = $v3-ActCode#OPTIN
* provision.type = #permit
* provision.period.start = "2026-11-02"
* provision.period.end = "2027-05-02"
* provision.extension[recipientSiteType].valueCodeableConcept = $site-type#antenatal-clinic "Antenatal clinic"
* provision.purpose[0] = $v3-ActReason#TREAT "treatment"
* provision.purpose[1] = $v3-ActReason#COC "coordination of care"
* provision.provision[0].type = #deny
* provision.provision[0].securityLabel = $v3-ActCode#ETH "substance abuse information sensitivity"
* provision.provision[1].type = #permit
* provision.provision[1].securityLabel = $v3-ActCode#SEX "sexuality and reproductive health information sensitivity"

Instance: consent-client-3
InstanceOf: PassageConsent
Title: "Scenario: share with the shelter only; never violence details with anyone else"
Usage: #example
* status = #active
* scope = $consentscope#patient-privacy
* category = $loinc#59284-0 "Patient Consent"
* patient = Reference(Patient/client-3)
* dateTime = "2026-11-02T10:50:00Z"
* performer = Reference(Patient/client-3)
* organization = Reference(Organization/hr-1)
* policyRule = $v3-ActCode#OPTIN
* provision.type = #permit
* provision.actor[0].role = $v3-ParticipationType#IRCP "information recipient"
* provision.actor[0].reference = Reference(Organization/shelter-1)
* provision.purpose = $v3-ActReason#COC "coordination of care"
* provision.provision[0].type = #deny
* provision.provision[0].securityLabel[0] = $v3-ActCode#HIV "HIV/AIDS information sensitivity"
* provision.provision[0].securityLabel[1] = $passage-sensitivity#SOC "social services information sensitivity"

Instance: audit-disclosure
InstanceOf: PassageAuditEvent
Title: "A read: the antenatal clinic read a referral about its client"
Usage: #example
* type = $audit-event-type#rest "RESTful Operation"
* subtype = $restful-interaction#read "read"
* action = #R
* recorded = "2026-11-02T09:30:00Z"
* outcome = #0
* purposeOfEvent = $v3-ActReason#COC "coordination of care"
* agent[0].type = $extra-security-role-type#humanuser "human user"
* agent[0].who = Reference(Organization/anc-1)
* agent[0].requestor = true
* source.observer.display = "Passage gateway"
* source.type = $security-source-type#4 "Application Server"
* entity[0].what = Reference(Patient/client-1)
* entity[0].type = $audit-entity-type#1 "Person"
* entity[0].role = $object-role#1 "Patient"
* entity[1].what = Reference(ServiceRequest/sr-anc-1)
* entity[1].type = $audit-entity-type#2 "System Object"
* entity[1].role = $object-role#4 "Domain Resource"

Instance: audit-create-task
InstanceOf: PassageAuditEvent
Title: "A create: the harm reduction site created a referral Task"
Usage: #example
* type = $audit-event-type#rest "RESTful Operation"
* subtype = $restful-interaction#create "create"
* action = #C
* recorded = "2026-11-02T09:00:01Z"
* outcome = #0
* purposeOfEvent = $v3-ActReason#COC "coordination of care"
* agent[0].type = $extra-security-role-type#datacollector "data collector"
* agent[0].who = Reference(Organization/hr-1)
* agent[0].requestor = true
* source.observer.display = "Passage gateway"
* source.type = $security-source-type#4 "Application Server"
* entity[0].what = Reference(Patient/client-1)
* entity[0].type = $audit-entity-type#1 "Person"
* entity[0].role = $object-role#1 "Patient"
* entity[1].what = Reference(Task/task-anc-1)
* entity[1].type = $audit-entity-type#2 "System Object"
* entity[1].role = $object-role#4 "Domain Resource"

Instance: audit-query
InstanceOf: PassageAuditEvent
Title: "A query: the antenatal clinic polled its inbox of referral Tasks"
Usage: #example
* type = $dcm#110112 "Query"
* subtype = $restful-interaction#search-type "search-type"
* action = #E
* recorded = "2026-11-02T09:30:00Z"
* outcome = #0
* purposeOfEvent = $v3-ActReason#COC "coordination of care"
* agent[0].type = $extra-security-role-type#humanuser "human user"
* agent[0].who = Reference(Organization/anc-1)
* agent[0].requestor = true
* source.observer.display = "Passage gateway"
* source.type = $security-source-type#4 "Application Server"
* entity[0].type = $audit-entity-type#2 "System Object"
* entity[0].role = $object-role#24 "Query"
* entity[0].query = "VGFzaz9vd25lcj1Pcmdhbml6YXRpb24vYW5jLTE="

Instance: audit-consent-deny
InstanceOf: PassageAuditEvent
Title: "A consent decision: the TB service may not see the client's substance use information"
Usage: #example
* type = $passage-audit#consent-decision "Consent decision"
* subtype = $passage-audit#deny "Disclosure denied"
* action = #E
* recorded = "2026-11-02T10:05:00Z"
* outcome = #0
* purposeOfEvent = $v3-ActReason#TREAT "treatment"
* agent[0].type = $extra-security-role-type#humanuser "human user"
* agent[0].who = Reference(Organization/tb-1)
* agent[0].requestor = true
* source.observer.display = "Passage gateway"
* source.type = $security-source-type#4 "Application Server"
* entity[0].what = Reference(Patient/client-1)
* entity[0].type = $audit-entity-type#1 "Person"
* entity[0].role = $object-role#1 "Patient"
* entity[1].what = Reference(Consent/consent-client-1)
* entity[1].type = $audit-entity-type#2 "System Object"
* entity[1].role = $object-role#4 "Domain Resource"
* entity[1].securityLabel = $v3-ActCode#ETH "substance abuse information sensitivity"

Instance: audit-export
InstanceOf: PassageAuditEvent
Title: "A disclosure: the referral and its permitted supporting information sent to the shelter"
Usage: #example
* type = $dcm#110106 "Export"
* action = #R
* recorded = "2026-11-02T11:05:00Z"
* outcome = #0
* purposeOfEvent = $v3-ActReason#COC "coordination of care"
* agent[0].type = $extra-security-role-type#humanuser "human user"
* agent[0].who = Reference(Organization/shelter-1)
* agent[0].requestor = true
* source.observer.display = "Passage gateway"
* source.type = $security-source-type#4 "Application Server"
* entity[0].what = Reference(Patient/client-3)
* entity[0].type = $audit-entity-type#1 "Person"
* entity[0].role = $object-role#1 "Patient"
* entity[1].what = Reference(ServiceRequest/sr-shelter-1)
* entity[1].type = $audit-entity-type#2 "System Object"
* entity[1].role = $object-role#4 "Domain Resource"

Instance: sr-open-shelter
InstanceOf: PassageReferral
Title: "Scenario: an open referral to any women's shelter with a free place"
Usage: #example
* status = #active
* intent = #order
* priority = #asap
* code = $service-type#shelter "Shelter place"
* reasonCode = $referral-reason#housing "Housing or shelter need"
* subject = Reference(Patient/client-3)
* requester = Reference(Organization/hr-1)
* performerType = $site-type#womens-shelter "Women's shelter"
* authoredOn = "2026-11-21T18:00:00Z"

Instance: task-open-shelter
InstanceOf: PassageReferralTask
Title: "Scenario: the open shelter referral, in the general inbox of women's shelters until one claims it"
Usage: #example
* status = #requested
* intent = #order
* priority = #asap
* code = $task-code#fulfill "Fulfill the focal request"
* focus = Reference(ServiceRequest/sr-open-shelter)
* for = Reference(Patient/client-3)
* requester = Reference(Organization/hr-1)
* performerType = $site-type#womens-shelter "Women's shelter"
* authoredOn = "2026-11-21T18:00:00Z"
