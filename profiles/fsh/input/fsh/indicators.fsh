Alias: $indicator-dimension = https://passage-gateway.org/fhir/CodeSystem/passage-indicator-dimension

Profile: PassageIndicatorReport
Parent: MeasureReport
Id: passage-indicator-report
Title: "Passage indicator report"
Description: "An aggregate referral indicator for the whole network and a period, in the shape IHE mADX gives aggregate reports: counts by population, broken down by stratifiers whose two-way strata are components. It names no client, pseudonym or resource: no subject, reporter or evaluated resource, and sites appear only by their public site code. A count from 1 to the network's small-cell threshold, and every count it could be derived from, is absent, and the population or stratum says why (passage-suppressed); a score resting on an absent count is absent too."
* ^status = #draft
* status = #complete
* type = #summary
* measure 1..1 MS
* subject 0..0
* reporter 0..0
* evaluatedResource 0..0
* improvementNotation MS
* group MS
* group.population.extension contains PassageSuppressed named suppressed 0..1 MS
* group.stratifier.stratum.extension contains PassageSuppressed named suppressed 0..1 MS
* group.stratifier.stratum.population.extension contains PassageSuppressed named suppressed 0..1 MS
* obeys passage-withheld-count-is-absent

Invariant: passage-withheld-count-is-absent
Description: "A population whose count is withheld carries no count."
Expression: "group.population.where(extension('https://passage-gateway.org/fhir/StructureDefinition/passage-suppressed').exists()).count.empty() and group.stratifier.stratum.population.where(extension('https://passage-gateway.org/fhir/StructureDefinition/passage-suppressed').exists()).count.empty()"
Severity: #error

Extension: PassageSuppressed
Id: passage-suppressed
Title: "Suppressed"
Description: "Why a count (or a stratum's counts and score) of an indicator report is withheld: a small count (from 1 to the network's threshold), one that an earlier report over a nested or the same period would give away by difference, or one withheld so that another cannot be computed from a total (complementary suppression)."
Context: MeasureReport.group.population, MeasureReport.group.stratifier.stratum, MeasureReport.group.stratifier.stratum.population
* value[x] only code
* valueCode 1..1
* valueCode from https://passage-gateway.org/fhir/ValueSet/passage-suppression-reason (required)

Instance: passage-referral-outcomes
InstanceOf: Measure
Title: "Referral outcomes"
Usage: #definition
* url = "https://passage-gateway.org/fhir/Measure/passage-referral-outcomes"
* name = "PassageReferralOutcomes"
* title = "Referral outcomes"
* status = #draft
* experimental = false
* date = "2026-12-07"
* publisher = "Passage"
* description = "Referrals sent, accepted, completed, rejected and cancelled across the network, each counted in the period in which it happened (by the gateway clock), by sex and age band of the client, service type, kind of receiving site and receiving site; rejections also by coded reason and kind of site, so that where women are turned away, and why, becomes visible. Referrals entered in error, and those of a client whose consent in force denies health program reporting (HPRGRP), are not counted."
* subjectCodeableConcept = http://hl7.org/fhir/resource-types#Task
* scoring = http://terminology.hl7.org/CodeSystem/measure-scoring#cohort
* type = http://terminology.hl7.org/CodeSystem/measure-type#process
* group[+].code.text = "sent"
* group[=].description = "Referrals sent in the period (first in requested or beyond)"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referral Tasks sent in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-referral-outcomes/sent/initial-population"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"
* group[+].code.text = "accepted"
* group[=].description = "Referrals accepted in the period"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referral Tasks accepted in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-referral-outcomes/accepted/initial-population"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"
* group[+].code.text = "completed"
* group[=].description = "Referrals completed in the period"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referral Tasks completed in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-referral-outcomes/completed/initial-population"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"
* group[+].code.text = "rejected"
* group[=].description = "Referrals rejected in the period, by coded reason and by the kind of site that rejected them"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referral Tasks rejected in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-referral-outcomes/rejected/initial-population"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"
* group[=].stratifier[+].code = $indicator-dimension#rejection-reason
* group[=].stratifier[=].code.text = "rejection-reason"
* group[=].stratifier[=].description = "Coded reason the referral was rejected"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "rejection-reason"
* group[=].stratifier[+].code.text = "rejection-reason-site-type"
* group[=].stratifier[=].component[+].code = $indicator-dimension#rejection-reason
* group[=].stratifier[=].component[=].description = "Coded reason the referral was rejected"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "rejection-reason"
* group[=].stratifier[=].component[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].component[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "receiving-site-type"
* group[+].code.text = "cancelled"
* group[=].description = "Sent referrals cancelled in the period, by coded reason"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Sent referral Tasks cancelled in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-referral-outcomes/cancelled/initial-population"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"
* group[=].stratifier[+].code = $indicator-dimension#cancellation-reason
* group[=].stratifier[=].code.text = "cancellation-reason"
* group[=].stratifier[=].description = "Coded reason the referral was cancelled"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "cancellation-reason"

Instance: passage-time-to-acceptance
InstanceOf: Measure
Title: "Time to acceptance"
Usage: #definition
* url = "https://passage-gateway.org/fhir/Measure/passage-time-to-acceptance"
* name = "PassageTimeToAcceptance"
* title = "Time to acceptance"
* status = #draft
* experimental = false
* date = "2026-12-07"
* publisher = "Passage"
* description = "Of the referrals accepted in the period, the median and 90th percentile (nearest rank: the value at rank ceiling(p x n)) of the hours from sending to acceptance, in hours, by sex and age band, service type, kind of receiving site and receiving site. A score is reported only where the count it rests on is."
* subjectCodeableConcept = http://hl7.org/fhir/resource-types#Task
* scoring = http://terminology.hl7.org/CodeSystem/measure-scoring#continuous-variable
* type = http://terminology.hl7.org/CodeSystem/measure-type#process
* group[+].code.text = "median"
* group[=].description = "Median of the hours from sending to acceptance (nearest rank)"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referral Tasks accepted in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-acceptance/median/initial-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#measure-population
* group[=].population[=].description = "Referral Tasks accepted in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-acceptance/median/measure-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#measure-observation
* group[=].population[=].description = "For each, the hours from sending to acceptance"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-acceptance/median/measure-observation"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"
* group[+].code.text = "90th-percentile"
* group[=].description = "90th percentile of the hours from sending to acceptance (nearest rank)"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referral Tasks accepted in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-acceptance/90th-percentile/initial-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#measure-population
* group[=].population[=].description = "Referral Tasks accepted in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-acceptance/90th-percentile/measure-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#measure-observation
* group[=].population[=].description = "For each, the hours from sending to acceptance"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-acceptance/90th-percentile/measure-observation"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"

Instance: passage-time-to-completion
InstanceOf: Measure
Title: "Time to completion"
Usage: #definition
* url = "https://passage-gateway.org/fhir/Measure/passage-time-to-completion"
* name = "PassageTimeToCompletion"
* title = "Time to completion"
* status = #draft
* experimental = false
* date = "2026-12-07"
* publisher = "Passage"
* description = "Of the referrals completed in the period, the median and 90th percentile (nearest rank: the value at rank ceiling(p x n)) of the hours from sending to completion, in hours, by sex and age band, service type, kind of receiving site and receiving site. A score is reported only where the count it rests on is."
* subjectCodeableConcept = http://hl7.org/fhir/resource-types#Task
* scoring = http://terminology.hl7.org/CodeSystem/measure-scoring#continuous-variable
* type = http://terminology.hl7.org/CodeSystem/measure-type#process
* group[+].code.text = "median"
* group[=].description = "Median of the hours from sending to completion (nearest rank)"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referral Tasks completed in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-completion/median/initial-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#measure-population
* group[=].population[=].description = "Referral Tasks completed in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-completion/median/measure-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#measure-observation
* group[=].population[=].description = "For each, the hours from sending to completion"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-completion/median/measure-observation"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"
* group[+].code.text = "90th-percentile"
* group[=].description = "90th percentile of the hours from sending to completion (nearest rank)"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referral Tasks completed in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-completion/90th-percentile/initial-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#measure-population
* group[=].population[=].description = "Referral Tasks completed in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-completion/90th-percentile/measure-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#measure-observation
* group[=].population[=].description = "For each, the hours from sending to completion"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-time-to-completion/90th-percentile/measure-observation"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#service-type
* group[=].stratifier[=].code.text = "service-type"
* group[=].stratifier[=].description = "Service the client was referred for"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "service-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site-type
* group[=].stratifier[=].code.text = "receiving-site-type"
* group[=].stratifier[=].description = "Kind of the receiving site (for an open referral not yet claimed, the kind it is addressed to)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site-type"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"

Instance: passage-pmtct
InstanceOf: Measure
Title: "Pregnant women referred for PMTCT who got PMTCT"
Usage: #definition
* url = "https://passage-gateway.org/fhir/Measure/passage-pmtct"
* name = "PassagePmtct"
* title = "Pregnant women referred for PMTCT who got PMTCT"
* status = #draft
* experimental = false
* date = "2026-12-07"
* publisher = "Passage"
* description = "The guide's indicator \"the number of pregnant WID/WUD referred for PMTCT who got PMTCT\": of the referrals for PMTCT (service type pmtct or prison-pmtct) sent in the period, those completed by its end, by sex and age band and receiving site."
* subjectCodeableConcept = http://hl7.org/fhir/resource-types#Task
* scoring = http://terminology.hl7.org/CodeSystem/measure-scoring#proportion
* type = http://terminology.hl7.org/CodeSystem/measure-type#process
* improvementNotation = http://terminology.hl7.org/CodeSystem/measure-improvement-notation#increase
* group[+].code.text = "proportion"
* group[=].description = "Referrals for PMTCT completed by the end of the period, of those sent in it"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referrals for PMTCT sent in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-pmtct/proportion/initial-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#denominator
* group[=].population[=].description = "Referrals for PMTCT sent in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-pmtct/proportion/denominator"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#numerator
* group[=].population[=].description = "Of them, those completed by the end of the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-pmtct/proportion/numerator"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#receiving-site
* group[=].stratifier[=].code.text = "receiving-site"
* group[=].stratifier[=].description = "Receiving site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "receiving-site"

Instance: passage-release-linkage
InstanceOf: Measure
Title: "Women referred on release from prison who reached harm reduction or OST within 30 days"
Usage: #definition
* url = "https://passage-gateway.org/fhir/Measure/passage-release-linkage"
* name = "PassageReleaseLinkage"
* title = "Women referred on release from prison who reached harm reduction or OST within 30 days"
* status = #draft
* experimental = false
* date = "2026-12-07"
* publisher = "Passage"
* description = "Of the referrals a prison health unit sent in the period for release planning, those whose woman (the same network pseudonym, at any site) started a harm reduction or OST service within 30 days of sending: a referral for harm reduction, needle and syringe programme, OST or naloxone, or to a harm reduction site or OST provider, in progress or completed within the 30 days (the guide, chapter 8). By sex and age band and by the sending prison health unit."
* subjectCodeableConcept = http://hl7.org/fhir/resource-types#Task
* scoring = http://terminology.hl7.org/CodeSystem/measure-scoring#proportion
* type = http://terminology.hl7.org/CodeSystem/measure-type#process
* improvementNotation = http://terminology.hl7.org/CodeSystem/measure-improvement-notation#increase
* group[+].code.text = "proportion"
* group[=].description = "Release referrals whose woman started harm reduction or OST within 30 days"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].description = "Referrals for release planning sent by a prison health unit in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-release-linkage/proportion/initial-population"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#denominator
* group[=].population[=].description = "Referrals for release planning sent by a prison health unit in the period"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-release-linkage/proportion/denominator"
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#numerator
* group[=].population[=].description = "Of them, those whose woman started harm reduction or OST within 30 days of sending"
* group[=].population[=].criteria.language = #text/x-passage-indicator
* group[=].population[=].criteria.expression = "passage-release-linkage/proportion/numerator"
* group[=].stratifier[+].code = $indicator-dimension#sex
* group[=].stratifier[=].code.text = "sex"
* group[=].stratifier[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sex"
* group[=].stratifier[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].code.text = "age-band"
* group[=].stratifier[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "age-band"
* group[=].stratifier[+].code.text = "sex-age-band"
* group[=].stratifier[=].component[+].code = $indicator-dimension#sex
* group[=].stratifier[=].component[=].description = "Sex (administrative gender) of the client"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "sex"
* group[=].stratifier[=].component[+].code = $indicator-dimension#age-band
* group[=].stratifier[=].component[=].description = "Age band of the client in the year the referral was sent (WHO/UNODC/UNAIDS technical guide: under 25, 25 and over)"
* group[=].stratifier[=].component[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].component[=].criteria.expression = "age-band"
* group[=].stratifier[+].code = $indicator-dimension#sending-site
* group[=].stratifier[=].code.text = "sending-site"
* group[=].stratifier[=].description = "Sending site, by its public site code"
* group[=].stratifier[=].criteria.language = #text/x-passage-indicator
* group[=].stratifier[=].criteria.expression = "sending-site"

Instance: indicator-report-example
InstanceOf: PassageIndicatorReport
Title: "An indicator report with suppressed counts"
Usage: #example
* status = #complete
* type = #summary
* measure = "https://passage-gateway.org/fhir/Measure/passage-pmtct"
* date = "2027-01-05T09:00:00Z"
* period.start = "2026-01-01"
* period.end = "2026-12-31"
* improvementNotation = http://terminology.hl7.org/CodeSystem/measure-improvement-notation#increase
* group[0].code.text = "proportion"
* group[=].population[0].code = http://terminology.hl7.org/CodeSystem/measure-population#initial-population
* group[=].population[=].count = 14
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#denominator
* group[=].population[=].count = 14
* group[=].population[+].code = http://terminology.hl7.org/CodeSystem/measure-population#numerator
* group[=].population[=].extension[suppressed].valueCode = #complementary
* group[=].stratifier[0].code[0] = $indicator-dimension#age-band
* group[=].stratifier[=].code[0].text = "age-band"
* group[=].stratifier[=].stratum[0].value = https://passage-gateway.org/fhir/CodeSystem/passage-age-band#under-25
* group[=].stratifier[=].stratum[=].extension[suppressed].valueCode = #small-count
* group[=].stratifier[=].stratum[=].population[0].code = http://terminology.hl7.org/CodeSystem/measure-population#denominator
* group[=].stratifier[=].stratum[=].population[=].extension[suppressed].valueCode = #small-count
* group[=].stratifier[=].stratum[+].value = https://passage-gateway.org/fhir/CodeSystem/passage-age-band#25-and-over
* group[=].stratifier[=].stratum[=].extension[suppressed].valueCode = #small-count
* group[=].stratifier[=].stratum[=].population[0].code = http://terminology.hl7.org/CodeSystem/measure-population#denominator
* group[=].stratifier[=].stratum[=].population[=].extension[suppressed].valueCode = #small-count
