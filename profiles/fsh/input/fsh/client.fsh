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

Invariant: passage-birth-year
Description: "Only the birth year is recorded (YYYY), never a full birth date."
Expression: "$this.toString().length() = 4"
Severity: #error

Invariant: passage-client-identity-discouraged
Description: "A client's name, telecom and address are discouraged; the pseudonym is enough for a referral."
Expression: "name.empty() and telecom.empty() and address.empty()"
Severity: #warning
