Profile: PassageClient
Parent: Patient
Id: passage-client
Title: "Passage client"
Description: "A client of the network, known by a network pseudonym. Her name, telecom and address are optional and discouraged: a referral needs none of them, and each one that travels is a risk to her. Gender and birth year are supported; a full birth date is not allowed."
* ^status = #draft
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "The network pseudonym is required; a site's own identifiers may follow."
* identifier contains pseudonym 1..1 MS
* identifier[pseudonym] ^short = "Network pseudonym of the client"
* identifier[pseudonym].system 1..1
* identifier[pseudonym].system = $pseudonym (exactly)
* identifier[pseudonym].value 1..1
* identifier[pseudonym].value obeys passage-issued-pseudonym
* identifier[pseudonym].value ^short = "Issued by the gateway from her UIC (Patient/$pseudonym): epoch-XXXX-XXXX-XXXX-C"
* name ^short = "Discouraged: a referral does not need the client's name"
* telecom ^short = "Discouraged: share a safe contact instruction on the referral instead"
* address ^short = "Discouraged: a client's address can put her at risk"
* gender MS
* birthDate MS
* birthDate obeys passage-birth-year
* birthDate ^short = "Birth year only (YYYY)"
* photo 0..0
* contact 0..0
* contact ^comment = "No contact persons: the person a client is escaping may be listed as her contact."
* obeys passage-client-identity-discouraged

Invariant: passage-issued-pseudonym
Description: "A network pseudonym as the gateway issues it (Patient/$pseudonym): the key epoch, twelve characters of Crockford's base 32 in groups of four, and an ISO 7064 MOD 37-2 check character. The gateway also checks the check character and that it issued the pseudonym; a pseudonym recorded before pseudonyms were issued stays valid until the site presents her UIC again, hence a warning here."
Expression: "matches('^[1-9][0-9]?-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-Z*]$')"
Severity: #warning

Invariant: passage-birth-year
Description: "Only the birth year is recorded (YYYY), never a full birth date."
Expression: "$this.toString().length() = 4"
Severity: #error

Invariant: passage-client-identity-discouraged
Description: "A client's name, telecom and address are discouraged; the pseudonym is enough for a referral."
Expression: "name.empty() and telecom.empty() and address.empty()"
Severity: #warning
