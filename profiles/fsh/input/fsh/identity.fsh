Instance: client-pseudonym
InstanceOf: NamingSystem
Title: "Passage client network pseudonym"
Usage: #definition
* name = "PassageClientPseudonym"
* status = #draft
* kind = #identifier
* date = "2026-12-07"
* publisher = "Passage"
* responsible = "The Passage gateway of the network, the only holder of the pseudonym keys"
* description = "A client's network pseudonym: derived by the gateway with HMAC-SHA256, under a key only it holds, from her unique identifier code (UIC, the parts of the code system passage-uic-part), so that the same woman has the same pseudonym at every site and nothing of her UIC can be recovered without the key. Written epoch-XXXX-XXXX-XXXX-C: the key epoch (1 to 99), 60 bits in Crockford's base 32, and an ISO 7064 MOD 37-2 check character over the epoch and the value, which catches every single mistyped character and every swap of two adjacent ones. Sites obtain it with Patient/$pseudonym; the gateway accepts on a client's record only pseudonyms it issued."
* usage = "Patient.identifier with this system: the network pseudonym, required on every client (profile passage-client)."
* uniqueId[0].type = #uri
* uniqueId[0].value = "https://passage-gateway.org/fhir/NamingSystem/client-pseudonym"
* uniqueId[0].preferred = true

Instance: client-second-factor
InstanceOf: NamingSystem
Title: "Passage client second factor"
Usage: #definition
* name = "PassageClientSecondFactor"
* status = #draft
* kind = #identifier
* date = "2026-12-07"
* publisher = "Passage"
* responsible = "The Passage gateway of the network, the only holder of the pseudonym keys"
* description = "A client's second factor: derived by the gateway (HMAC-SHA256 under its pseudonym key) from her network pseudonym and a card number or PIN she holds, written like a pseudonym. Two women who share a UIC, and so a pseudonym, rarely hold the same card: where the network is large enough that pseudonyms are likely shared, the gateway links records of a pseudonym only when their second factors match. Nothing of what she holds can be recovered from it."
* uniqueId[0].type = #uri
* uniqueId[0].value = "https://passage-gateway.org/fhir/NamingSystem/client-second-factor"
* uniqueId[0].preferred = true

Instance: passage-pseudonym
InstanceOf: OperationDefinition
Title: "Derive a client's network pseudonym"
Usage: #definition
* url = "https://passage-gateway.org/fhir/OperationDefinition/passage-pseudonym"
* name = "PassagePseudonym"
* title = "Derive a client's network pseudonym"
* status = #draft
* kind = #operation
* date = "2026-12-07"
* publisher = "Passage"
* description = "A site sends a woman's answers to the network's unique identifier code (UIC), one parameter per part (the code system passage-uic-part, as the network configures them; 'unknown' for a part she does not know); the gateway normalizes them (case, diacritics, spaces and punctuation do not count), derives her network pseudonym with a key only it holds, records it issued, and answers it. The answers are never stored, logged, audited or repeated, not even in an error; the answer is the same whether or not any site already knows her. POST only, so that the answers never travel in a URL. Each derivation is an audit event naming the site and its client application; a client application deriving beyond the network's hourly allowance gets 429."
* affectsState = true
* code = #pseudonym
* resource[0] = #Patient
* system = false
* type = true
* instance = false
* parameter[0].name = #mother-given-name
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Her mother's given name, as she gives it (the UIC keeps its first two letters)"
* parameter[=].type = #string
* parameter[+].name = #given-name
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Her own given name (the UIC keeps its first two letters)"
* parameter[=].type = #string
* parameter[+].name = #sex
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "F, M or X (female, male and other are read too)"
* parameter[=].type = #string
* parameter[+].name = #birth-year
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Her birth year, four digits"
* parameter[=].type = #string
* parameter[+].name = #birth-month
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Her birth month, 1 to 12"
* parameter[=].type = #string
* parameter[+].name = #previous
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "A pseudonym one of the site's records of her carried before the gateway issued pseudonyms (an Identifier or a string): linked to her issued one, so that the record stays hers. Refused when no record of the site carries it."
* parameter[=].type = #Identifier
* parameter[+].name = #second-factor
* parameter[=].use = #in
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "A card number or PIN she holds and the site enters with her (case, spaces and hyphens aside): the answer then carries her second factor. The gateway never keeps what she holds."
* parameter[=].type = #string
* parameter[+].name = #pseudonym
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Her network pseudonym under the current key epoch (system https://passage-gateway.org/fhir/NamingSystem/client-pseudonym)"
* parameter[=].type = #Identifier
* parameter[+].name = #epoch
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The current key epoch"
* parameter[=].type = #integer
* parameter[+].name = #earlier
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "*"
* parameter[=].documentation = "Her pseudonym under each earlier key epoch, now linked to the current one: records that carry it stay hers"
* parameter[=].type = #Identifier
* parameter[+].name = #expected-sharing
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "How many other women of the network are expected to share her UIC, from the network's size and the UIC's structure"
* parameter[=].type = #decimal
* parameter[+].name = #confirm-before-linking
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "True when sharing is likely enough that a site must confirm it is her before records of the same pseudonym are treated as one woman's"
* parameter[=].type = #boolean
* parameter[+].name = #second-factor
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "1"
* parameter[=].documentation = "Her second factor (system https://passage-gateway.org/fhir/NamingSystem/client-second-factor), derived from her pseudonym and what she holds, when she gave it: the site records it on her record beside the pseudonym. Where confirm-before-linking holds, records of her pseudonym are linked only when their second factors match."
* parameter[=].type = #Identifier

Instance: pseudonym-request
InstanceOf: Parameters
Title: "Patient/$pseudonym: a woman's answers to the UIC"
Usage: #example
* parameter[0].name = "mother-given-name"
* parameter[=].valueString = "Lucía"
* parameter[+].name = "given-name"
* parameter[=].valueString = "Ana"
* parameter[+].name = "sex"
* parameter[=].valueString = "F"
* parameter[+].name = "birth-year"
* parameter[=].valueString = "1996"
* parameter[+].name = "birth-month"
* parameter[=].valueString = "3"

Instance: pseudonym-response
InstanceOf: Parameters
Title: "Patient/$pseudonym: her network pseudonym"
Usage: #example
* parameter[0].name = "pseudonym"
* parameter[=].valueIdentifier.system = "https://passage-gateway.org/fhir/NamingSystem/client-pseudonym"
* parameter[=].valueIdentifier.value = "1-H4BK-VNWW-TA98-X"
* parameter[+].name = "epoch"
* parameter[=].valueInteger = 1
* parameter[+].name = "expected-sharing"
* parameter[=].valueDecimal = 0.0000
* parameter[+].name = "confirm-before-linking"
* parameter[=].valueBoolean = false
