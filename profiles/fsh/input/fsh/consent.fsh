Profile: PassageConsent
Parent: Consent
Id: passage-consent
Title: "Passage client consent"
Description: "A client's privacy consent, recorded by the site that holds it (the custodian). Nothing is disclosed unless a permit provision allows it (opt-in); provisions name recipient organizations or kinds of site, purposes of use and sensitivity categories, and nested provisions make exceptions."
* ^status = #draft
* status MS
* scope = $consentscope#patient-privacy
* category 1..* MS
* category = $loinc#59284-0
* patient 1..1 MS
* patient only Reference(PassageClient)
* dateTime 1..1 MS
* performer 1..1 MS
* performer only Reference(PassageClient)
* performer ^short = "The client herself"
* organization 1..1 MS
* organization only Reference(PassageSite)
* organization ^short = "The custodian: the site that recorded the consent"
* policyRule 1..1 MS
* policyRule = $v3-ActCode#OPTIN
* provision 1..1 MS
* provision.type 1..1
* provision.period MS
* provision.actor.role = $v3-ParticipationType#IRCP
* provision.actor.reference only Reference(PassageSite)
* provision.extension contains PassageRecipientSiteType named recipientSiteType 0..* MS
* provision.purpose from $purpose-of-use-vs (required)
* provision.securityLabel from $data-category-vs (required)
* provision.provision.type 1..1
* provision.provision.actor.role = $v3-ParticipationType#IRCP
* provision.provision.actor.reference only Reference(PassageSite)
* provision.provision.extension contains PassageRecipientSiteType named recipientSiteType 0..* MS
* provision.provision.purpose from $purpose-of-use-vs (required)
* provision.provision.securityLabel from $data-category-vs (required)
* provision.provision.provision 0..0
* provision.provision.provision ^comment = "Two levels (a rule and its exceptions) are what the consent engine evaluates."

Extension: PassageRecipientSiteType
Id: passage-recipient-site-type
Title: "Recipient site type"
Description: "The provision applies to every member site of this kind (for example, all antenatal clinics), in addition to the organizations named as actors."
Context: Consent.provision
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from $site-type-vs (required)
