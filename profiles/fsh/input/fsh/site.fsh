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
Description: "A service a member site offers, coded with a Passage service type, with its hours (including women-only hours), who it accepts (characteristic, from passage-eligibility) and, where the site publishes it, its capacity (passage-capacity), kept by the site itself with HealthcareService/$capacity. The service of a women's shelter names no location, coverage area or contact: where a shelter is is never disclosed."
* ^status = #draft
* active 1..1 MS
* providedBy 1..1 MS
* providedBy only Reference(PassageSite)
* type 1..* MS
* type from $service-type-vs (required)
* characteristic MS
* characteristic from https://passage-gateway.org/fhir/ValueSet/passage-eligibility (extensible)
* characteristic ^short = "Who the service accepts: a group it does not name is not assumed to be accepted"
* availableTime MS
* availableTime.extension contains PassageWomenOnly named womenOnly 0..1 MS
* extension contains PassageCapacity named capacity 0..1 MS and PassageSiteTypeOfService named siteType 0..1 MS
* endpoint only Reference(PassageEndpoint)

Extension: PassageWomenOnly
Id: passage-women-only
Title: "Women only"
Description: "These hours are reserved for women."
Context: HealthcareService.availableTime
* value[x] only boolean
* valueBoolean 1..1

Extension: PassageCapacity
Id: passage-capacity
Title: "Capacity"
Description: "Whether the service can take a referral now (a status in the shape of the Gravity SDOH Clinical Care IG's capacity status), how many places it has (in the shape of Open Referral HSDS's service capacity: available, maximum, unit), when its site last said so, and how often it promised to say so again. Kept by the site with HealthcareService/$capacity; the gateway sets updated, shows available less the places held for referrals being sent, and answers a status older than the refresh interval as stale."
Context: HealthcareService
* extension contains status 1..1 and available 0..1 and maximum 0..1 and unit 0..1 and updated 1..1 and refreshInterval 0..1 and freshUntil 0..1 and held 0..1
* extension[status].value[x] only code
* extension[status].valueCode from https://passage-gateway.org/fhir/ValueSet/passage-capacity-status (required)
* extension[available].value[x] only unsignedInt
* extension[available] ^short = "Free places now (less those held for referrals being sent)"
* extension[maximum].value[x] only unsignedInt
* extension[maximum] ^short = "All places"
* extension[unit].value[x] only code
* extension[unit].valueCode from https://passage-gateway.org/fhir/ValueSet/passage-capacity-unit (required)
* extension[updated].value[x] only dateTime
* extension[updated] ^short = "When the site last updated its capacity (set by the gateway)"
* extension[refreshInterval].value[x] only Duration
* extension[refreshInterval] ^short = "How often the site updates it: a status older than this is stale"
* extension[freshUntil].value[x] only dateTime
* extension[freshUntil] ^short = "Until when the status is current (set by the gateway: updated plus the refresh interval)"
* extension[held].value[x] only unsignedInt
* extension[held] ^short = "Places held now for referrals being sent (set by the gateway)"

Extension: PassageSiteTypeOfService
Id: passage-service-site-type
Title: "Kind of site of a service"
Description: "The kind of the site that provides the service, copied by the gateway from its Organization so that services can be searched by kind of site (HealthcareService?site-type=)."
Context: HealthcareService
* value[x] only CodeableConcept
* valueCodeableConcept from $site-type-vs (required)
