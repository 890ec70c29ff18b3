Profile: PassageServiceEpisode
Parent: EpisodeOfCare
Id: passage-service-episode
Title: "Passage service episode"
Description: "A client's episode at a site: OST, PMTCT, a shelter stay, TB treatment, post-release case management. It names the site responsible, its period and status, and the referral that started it."
* ^status = #draft
* status MS
* type 1..* MS
* type from $service-type-vs (required)
* patient only Reference(PassageClient)
* patient MS
* managingOrganization 1..1 MS
* managingOrganization only Reference(PassageSite)
* managingOrganization ^short = "The site responsible for the episode (its care team's organization)"
* period 1..1 MS
* period.start 1..1
* referralRequest MS
* referralRequest only Reference(PassageReferral)
* referralRequest ^short = "The referral that started the episode"
* diagnosis 0..0
* diagnosis ^comment = "Diagnoses are not exchanged through the episode; they are separate, labelled resources."
* obeys passage-episode-ended

Invariant: passage-episode-ended
Description: "A finished or cancelled episode has an end date."
Expression: "(status = 'finished' or status = 'cancelled') implies period.end.exists()"
Severity: #error
