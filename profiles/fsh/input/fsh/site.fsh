Profile: PassageSite
Parent: Organization
Id: passage-site
Title: "Passage site"
Description: "A member site of the network, with its site code and its kind of site. A women's shelter publishes no address: its location is itself protected."
* ^status = #draft
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier contains siteCode 1..1 MS
* identifier[siteCode].system 1..1
* identifier[siteCode].system = $site-code (exactly)
* identifier[siteCode].value 1..1
* active 1..1 MS
* type 1..* MS
* type from $site-type-vs (required)
* type ^short = "Kind of site"
* name 1..1 MS
* endpoint only Reference(PassageEndpoint)
* obeys passage-shelter-no-address

Invariant: passage-shelter-no-address
Description: "A women's shelter publishes no address."
Expression: "type.coding.where(system = 'https://passage-gateway.org/fhir/CodeSystem/passage-site-type' and code = 'womens-shelter').exists() implies address.empty()"
Severity: #error

Profile: PassageEndpoint
Parent: Endpoint
Id: passage-endpoint
Title: "Passage endpoint"
Description: "The FHIR REST endpoint of a member site's clinic system, over HTTPS."
* ^status = #draft
* connectionType = $endpoint-connection-type#hl7-fhir-rest
* managingOrganization 1..1 MS
* managingOrganization only Reference(PassageSite)
* address obeys passage-https
* payloadType MS

Invariant: passage-https
Description: "An endpoint address uses HTTPS."
Expression: "$this.startsWith('https://')"
Severity: #error

Profile: PassageHealthcareService
Parent: HealthcareService
Id: passage-healthcare-service
Title: "Passage healthcare service"
Description: "A service a member site offers, coded with a Passage service type, with its hours (including women-only hours) and, where the site publishes it, its free capacity such as shelter places."
* ^status = #draft
* active 1..1 MS
* providedBy 1..1 MS
* providedBy only Reference(PassageSite)
* type 1..* MS
* type from $service-type-vs (required)
* availableTime MS
* availableTime.extension contains PassageWomenOnly named womenOnly 0..1 MS
* extension contains PassageFreeCapacity named freeCapacity 0..1 MS
* endpoint only Reference(PassageEndpoint)

Extension: PassageWomenOnly
Id: passage-women-only
Title: "Women only"
Description: "These hours are reserved for women."
Context: HealthcareService.availableTime
* value[x] only boolean
* valueBoolean 1..1

Extension: PassageFreeCapacity
Id: passage-free-capacity
Title: "Free capacity"
Description: "How many places the service has free, as of when (for example, free shelter beds)."
Context: HealthcareService
* extension contains places 1..1 and asOf 1..1
* extension[places].value[x] only unsignedInt
* extension[places] ^short = "Number of free places"
* extension[asOf].value[x] only dateTime
* extension[asOf] ^short = "When the number was last updated"
