//! A labelled corpus of health-and-care reflective writing for the check for
//! identifying details: at least eight sentences per kind that hold one, and eight
//! that look as if they might and do not (meeting dates, "a 10-year plan", ward and
//! room numbers, "Dr" with no name, half postcodes such as "NHS E1").
//!
//! It prints precision and recall per kind (run with `--nocapture` to see the table),
//! and fails when a clear case is missed or a clear non-case is flagged. The printed
//! ratios are not asserted: cases marked unclear (where a reader could go either way)
//! count in them and nowhere else.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use waymark_journal::IdentifierKind::{self, *};
use waymark_journal::identifiers::find;

/// The names the corpus watches for.
const WATCH: &[&str] = &["Aisha", "Tom Reed", "Siobhán", "Okafor"];

/// One labelled sentence.
struct Case {
    /// The kind the sentence was written to test (for the table's counts).
    about: IdentifierKind,
    text: &'static str,
    /// Every identifying detail in it, as the check should report it.
    expect: &'static [(IdentifierKind, &'static str)],
    /// A clear case, asserted; an unclear one only counts in the ratios.
    clear: bool,
}

const fn yes(
    about: IdentifierKind,
    text: &'static str,
    expect: &'static [(IdentifierKind, &'static str)],
) -> Case {
    Case {
        about,
        text,
        expect,
        clear: true,
    }
}

const fn no(about: IdentifierKind, text: &'static str) -> Case {
    Case {
        about,
        text,
        expect: &[],
        clear: true,
    }
}

/// A sentence a reader could label either way: counted, not asserted.
const fn unclear(
    about: IdentifierKind,
    text: &'static str,
    expect: &'static [(IdentifierKind, &'static str)],
) -> Case {
    Case {
        about,
        text,
        expect,
        clear: false,
    }
}

const CASES: &[Case] = &[
    // NHS numbers.
    yes(
        NhsNumber,
        "I noticed I had copied her NHS number, 943 476 5919, into my notes.",
        &[(NhsNumber, "943 476 5919")],
    ),
    yes(
        NhsNumber,
        "The referral letter quoted 439 825 9791 at the top.",
        &[(NhsNumber, "439 825 9791")],
    ),
    yes(
        NhsNumber,
        "NHS no: 4190748331 — I should never have written it here.",
        &[(NhsNumber, "4190748331")],
    ),
    yes(
        NhsNumber,
        "His number 678-876-2325 was on the handover sheet.",
        &[(NhsNumber, "678-876-2325")],
    ),
    yes(
        NhsNumber,
        "We traced the record using 786 012 9043 and found the duplicate.",
        &[(NhsNumber, "786 012 9043")],
    ),
    yes(
        NhsNumber,
        "The audit sample included 704 796 6692.",
        &[(NhsNumber, "704 796 6692")],
    ),
    yes(
        NhsNumber,
        "(NHS 472 510 2733) was on the whiteboard photo someone shared.",
        &[(NhsNumber, "472 510 2733")],
    ),
    yes(
        NhsNumber,
        "I typed 6896935049 into the search box before I realised.",
        &[(NhsNumber, "6896935049")],
    ),
    no(
        NhsNumber,
        "943 476 5918 was the number on the wrong form, and it failed the check.",
    ),
    no(
        NhsNumber,
        "The waiting list had 1,250 people on it in March 2026.",
    ),
    no(
        NhsNumber,
        "Our budget line 4398259792 was queried by finance.",
    ),
    no(NhsNumber, "We met in room 101 on ward 7 at 10:30."),
    no(
        NhsNumber,
        "The trust reference 2026/27-0045 appeared on every slide.",
    ),
    no(
        NhsNumber,
        "Call volumes rose from 12000 to 14500 in a year.",
    ),
    no(
        NhsNumber,
        "The 10-year plan and the 2026 operating framework were discussed.",
    ),
    no(NhsNumber, "The invoice number 12345678901 was rejected."),
    no(
        NhsNumber,
        "Ticket 0000000000 is a placeholder in the system.",
    ),
    // Scottish CHI numbers.
    yes(
        ChiNumber,
        "Her CHI 1703581237 was on the prescription.",
        &[(ChiNumber, "1703581237")],
    ),
    yes(
        ChiNumber,
        "I wrote 010190 1232 on the transfer form.",
        &[(ChiNumber, "010190 1232")],
    ),
    yes(
        ChiNumber,
        "CHI number 251247-1233 was read out at the huddle.",
        &[(ChiNumber, "251247-1233")],
    ),
    yes(
        ChiNumber,
        "The Glasgow letter gave 3006051238 as the patient's CHI.",
        &[(ChiNumber, "3006051238")],
    ),
    yes(
        ChiNumber,
        "0811724565 appeared in the email subject line.",
        &[(ChiNumber, "0811724565")],
    ),
    yes(ChiNumber, "CHI: 3112011236.", &[(ChiNumber, "3112011236")]),
    yes(
        ChiNumber,
        "I had the CHI (0101701233) on a sticky note.",
        &[(ChiNumber, "0101701233")],
    ),
    yes(
        ChiNumber,
        "Reference 1505551234 was his CHI, I later found.",
        &[(ChiNumber, "1505551234")],
    ),
    no(ChiNumber, "The code 3112991234 failed validation."),
    no(ChiNumber, "1505551235 failed the check when I re-typed it."),
    no(ChiNumber, "We saw 3,112 patients in 2025."),
    no(ChiNumber, "The date 17/03/58 was in the old ward book."),
    no(ChiNumber, "Room 170358 is a store cupboard."),
    no(ChiNumber, "Order 17035812377 was delayed again."),
    no(
        ChiNumber,
        "The batch code 2512-4712-33 was printed on the box.",
    ),
    no(ChiNumber, "We aim for 100% by 2026 and 95% by 2025."),
    // Dates of birth.
    yes(
        DateOfBirth,
        "She was born on 17/11/1958, the same year as my mother.",
        &[(DateOfBirth, "17/11/1958")],
    ),
    yes(
        DateOfBirth,
        "The form said DOB 03.04.61 and nothing else.",
        &[(DateOfBirth, "03.04.61")],
    ),
    yes(
        DateOfBirth,
        "D.O.B.: 12-09-1947 was written on the bag.",
        &[(DateOfBirth, "12-09-1947")],
    ),
    yes(
        DateOfBirth,
        "His date of birth, 2 February 1939, came up in the handover.",
        &[(DateOfBirth, "2 February 1939")],
    ),
    yes(
        DateOfBirth,
        "She told me her birthday is 5th May 1950.",
        &[(DateOfBirth, "5th May 1950")],
    ),
    yes(
        DateOfBirth,
        "He was born 1958-11-17 according to the system.",
        &[(DateOfBirth, "1958-11-17")],
    ),
    yes(
        DateOfBirth,
        "DOB: Nov 17, 1958 on the label.",
        &[(DateOfBirth, "Nov 17, 1958")],
    ),
    yes(
        DateOfBirth,
        "The patient, aged 84 (born 1 Jan 1940), was frightened.",
        &[(Age, "aged 84"), (DateOfBirth, "1 Jan 1940")],
    ),
    no(DateOfBirth, "We met on 17/11/2025 to plan the rota."),
    no(
        DateOfBirth,
        "The board on 4 March 2026 agreed the business case.",
    ),
    no(
        DateOfBirth,
        "The idea was born out of a long conversation at the away day on 3 March 2026.",
    ),
    no(
        DateOfBirth,
        "A new service was born. On 12/01/2026 we opened the doors.",
    ),
    no(DateOfBirth, "My own birthday fell during the CQC visit."),
    no(
        DateOfBirth,
        "Deadline: 31/03/2026 for the appraisal paperwork.",
    ),
    no(
        DateOfBirth,
        "The team celebrated its 10th birthday last year.",
    ),
    no(
        DateOfBirth,
        "Reflections dated 2026-02-14 and 2026-02-21 are in the portfolio.",
    ),
    unclear(
        DateOfBirth,
        "The ward's birthday party on 12/03/2026 lifted everyone.",
        &[],
    ),
    // Ages.
    yes(
        Age,
        "A 67-year-old man was waiting on a trolley for nine hours.",
        &[(Age, "67-year-old")],
    ),
    yes(
        Age,
        "The 89 year old woman in bay 3 asked for her daughter.",
        &[(Age, "89 year old")],
    ),
    yes(
        Age,
        "She is 92 years old and lives alone.",
        &[(Age, "92 years old")],
    ),
    yes(
        Age,
        "A 4-year-old with asthma was brought in by her grandmother.",
        &[(Age, "4-year-old")],
    ),
    yes(
        Age,
        "The referral described a 15yo who had stopped attending school.",
        &[(Age, "15yo")],
    ),
    yes(
        Age,
        "It was a 34 y/o female with chest pain.",
        &[(Age, "34 y/o")],
    ),
    yes(
        Age,
        "The patient, aged 17, had been discharged twice.",
        &[(Age, "aged 17")],
    ),
    yes(Age, "Age: 45, lives with partner.", &[(Age, "Age: 45")]),
    yes(
        Age,
        "He was 71 years of age and proud of it.",
        &[(Age, "71 years of age")],
    ),
    no(Age, "We agreed a 10-year plan for the estate."),
    no(Age, "In 3 years the service has doubled."),
    no(Age, "It is a 5-year-old service that still feels new."),
    no(Age, "The partnership is 5 years old this spring."),
    no(Age, "The clinic is for people aged 65 and over."),
    no(Age, "Young people aged 16-25 can self-refer."),
    no(Age, "I have been qualified for 12 years."),
    no(Age, "The 200-year-old building needs a new roof."),
    no(Age, "See page 67 of the report."),
    unclear(Age, "My 40-year-old self would have argued back.", &[]),
    // Postcodes.
    yes(
        Postcode,
        "She lives at SW1A 1AA with her son.",
        &[(Postcode, "SW1A 1AA")],
    ),
    yes(
        Postcode,
        "The home visit was to M1 1AE.",
        &[(Postcode, "M1 1AE")],
    ),
    yes(
        Postcode,
        "The address ended B33 8TH, which I recognised.",
        &[(Postcode, "B33 8TH")],
    ),
    yes(
        Postcode,
        "Her flat in CR2 6XH has no lift.",
        &[(Postcode, "CR2 6XH")],
    ),
    yes(
        Postcode,
        "Letters from DN55 1PT kept arriving.",
        &[(Postcode, "DN55 1PT")],
    ),
    yes(
        Postcode,
        "The clinic at EC1A 1BB moved last year.",
        &[(Postcode, "EC1A 1BB")],
    ),
    yes(
        Postcode,
        "GIR 0AA was the test address on the form.",
        &[(Postcode, "GIR 0AA")],
    ),
    yes(
        Postcode,
        "postcode ls1 4dy was on the referral",
        &[(Postcode, "ls1 4dy")],
    ),
    yes(
        Postcode,
        "The taxi went to LS14DY instead.",
        &[(Postcode, "LS14DY")],
    ),
    no(Postcode, "NHS E1 data showed the gap."),
    no(Postcode, "The SW1A area is always busy."),
    no(Postcode, "We met in room 101."),
    no(Postcode, "Band 7 and Band 8a roles were advertised."),
    no(Postcode, "Ward B12 3rd floor is closing."),
    no(Postcode, "The M1 2nd junction was closed, so I was late."),
    no(Postcode, "COVID-19 2nd wave planning started early."),
    no(Postcode, "Our PCN covers the north of the city."),
    // Phone numbers.
    yes(
        PhoneNumber,
        "Her son left his mobile, 07700 900123, on the notes.",
        &[(PhoneNumber, "07700 900123")],
    ),
    yes(
        PhoneNumber,
        "I rang +44 7700 900456 from the car park.",
        &[(PhoneNumber, "+44 7700 900456")],
    ),
    yes(
        PhoneNumber,
        "The number on the card was 020 7946 0958.",
        &[(PhoneNumber, "020 7946 0958")],
    ),
    yes(
        PhoneNumber,
        "Call 0161 496 0000 for the team.",
        &[(PhoneNumber, "0161 496 0000")],
    ),
    yes(
        PhoneNumber,
        "(0113) 496 0000 is the ward's direct line.",
        &[(PhoneNumber, "(0113) 496 0000")],
    ),
    yes(
        PhoneNumber,
        "+44 (0)7700 900789 was scribbled on a napkin.",
        &[(PhoneNumber, "+44 (0)7700 900789")],
    ),
    yes(
        PhoneNumber,
        "The helpline 0800 123 4567 was closed.",
        &[(PhoneNumber, "0800 123 4567")],
    ),
    yes(
        PhoneNumber,
        "Her landline is 01632 960000.",
        &[(PhoneNumber, "01632 960000")],
    ),
    no(PhoneNumber, "In 2026 we will open two more beds."),
    no(PhoneNumber, "The 2024-2026 strategy runs out soon."),
    no(PhoneNumber, "We meet at 0930 every Monday."),
    no(PhoneNumber, "Room 101, ward 7, bay 3."),
    no(PhoneNumber, "The figures were 01/02/2026 and 15/02/2026."),
    no(PhoneNumber, "Extension 4567 is the manager's office."),
    no(PhoneNumber, "The 0900 123 4567 premium line was a scam."),
    no(PhoneNumber, "About 12 000 people used the service."),
    // Email addresses.
    yes(
        Email,
        "I emailed jane.smith@nhs.net afterwards.",
        &[(Email, "jane.smith@nhs.net")],
    ),
    yes(
        Email,
        "Her address, t.reed@example.org, was copied in.",
        &[(Email, "t.reed@example.org")],
    ),
    yes(
        Email,
        "Feedback went to patient.experience@trust.nhs.uk.",
        &[(Email, "patient.experience@trust.nhs.uk")],
    ),
    yes(
        Email,
        "(aisha_k@gmail.com) was on the form.",
        &[(Email, "aisha_k@gmail.com")],
    ),
    yes(
        Email,
        "cc: bob+ward7@example.co.uk",
        &[(Email, "bob+ward7@example.co.uk")],
    ),
    yes(
        Email,
        "Reply to M.Okafor@nhs.scot please.",
        &[(Email, "M.Okafor@nhs.scot")],
    ),
    yes(
        Email,
        "Two addresses: a@b.org and c.d@e.co.uk.",
        &[(Email, "a@b.org"), (Email, "c.d@e.co.uk")],
    ),
    yes(
        Email,
        "Write to Head.Of.Nursing@hospital.example.com today.",
        &[(Email, "Head.Of.Nursing@hospital.example.com")],
    ),
    no(Email, "We meet @ 3pm."),
    no(Email, "Follow @NHSEngland for updates."),
    no(Email, "The name@localhost test failed."),
    no(Email, "She wrote 'email me' but gave no address."),
    no(Email, "a@b.c is not an address."),
    no(Email, "Tea was £3 @ the canteen."),
    no(Email, "The hashtag #ward7 trended."),
    no(Email, "She spelled it out as user at example dot com."),
    // Hospital numbers.
    yes(
        HospitalNumber,
        "MRN RX1234567 was on every page.",
        &[(HospitalNumber, "RX1234567")],
    ),
    yes(
        HospitalNumber,
        "MRN: 0012345 was read out in the corridor.",
        &[(HospitalNumber, "0012345")],
    ),
    yes(
        HospitalNumber,
        "Her hospital number H123456 is on the wristband.",
        &[(HospitalNumber, "H123456")],
    ),
    yes(
        HospitalNumber,
        "Hosp no. 7654321 written in the margin.",
        &[(HospitalNumber, "7654321")],
    ),
    yes(
        HospitalNumber,
        "The unit number is U-99812.",
        &[(HospitalNumber, "U-99812")],
    ),
    yes(
        HospitalNumber,
        "patient no: P0042 was double-booked",
        &[(HospitalNumber, "P0042")],
    ),
    yes(
        HospitalNumber,
        "The complaint quoted case number #20451.",
        &[(HospitalNumber, "20451")],
    ),
    yes(
        HospitalNumber,
        "K number K0012345 was used in the letter.",
        &[(HospitalNumber, "K0012345")],
    ),
    no(HospitalNumber, "Patient number 3 was late for clinic."),
    no(HospitalNumber, "The hospital notes ran to 300 pages."),
    no(HospitalNumber, "Hospital numbers are rising this winter."),
    no(HospitalNumber, "The unit number 2026/27 budget was cut."),
    no(HospitalNumber, "Case number one was the hardest."),
    no(HospitalNumber, "The case notes, 1234 pages, were missing."),
    no(HospitalNumber, "Room 1234 is the MRN office."),
    no(HospitalNumber, "The unit treated 4500 patients."),
    // Names after titles.
    yes(
        TitledName,
        "I spoke with Mrs Patel about her husband.",
        &[(TitledName, "Mrs Patel")],
    ),
    yes(
        TitledName,
        "Dr. Jane Smith led the debrief.",
        &[(TitledName, "Dr. Jane Smith")],
    ),
    yes(
        TitledName,
        "Sister O'Neill ran the ward that night.",
        &[(TitledName, "Sister O'Neill")],
    ),
    yes(
        TitledName,
        "Professor Hughes challenged the board.",
        &[(TitledName, "Professor Hughes")],
    ),
    yes(
        TitledName,
        "Mr Smith-Jones complained again.",
        &[(TitledName, "Mr Smith-Jones")],
    ),
    yes(
        TitledName,
        "Nurse Adebayo stayed late.",
        &[(TitledName, "Nurse Adebayo")],
    ),
    yes(
        TitledName,
        "Dr J. Okafor was on call.",
        &[(TitledName, "Dr J. Okafor")],
    ),
    yes(
        TitledName,
        "Matron Clarke walked the ward with me.",
        &[(TitledName, "Matron Clarke")],
    ),
    yes(
        TitledName,
        "Ms Ndlovu asked good questions.",
        &[(TitledName, "Ms Ndlovu")],
    ),
    no(TitledName, "The Dr on call came quickly."),
    no(
        TitledName,
        "We waited for the Dr. The family arrived first.",
    ),
    no(TitledName, "I asked a Nurse Practitioner for advice."),
    no(TitledName, "Sister Ward 4 is short-staffed."),
    no(TitledName, "We met on Ms Teams."),
    no(TitledName, "The Matron said little."),
    no(TitledName, "Mrs P was upset, which I understood."),
    no(TitledName, "mrs smith was written in lower case."),
    no(TitledName, "The Lord Mayor opened the hub."),
    unclear(TitledName, "We looked at the Dr Foster data again.", &[]),
    // Watched names.
    yes(
        WatchedName,
        "Aisha stayed after the meeting.",
        &[(WatchedName, "Aisha")],
    ),
    yes(
        WatchedName,
        "I thanked tom reed for his patience.",
        &[(WatchedName, "tom reed")],
    ),
    yes(
        WatchedName,
        "Siobhán's feedback was honest.",
        &[(WatchedName, "Siobhán")],
    ),
    yes(
        WatchedName,
        "SIOBHÁN rang twice.",
        &[(WatchedName, "SIOBHÁN")],
    ),
    yes(
        WatchedName,
        "The Okafor family asked for a meeting.",
        &[(WatchedName, "Okafor")],
    ),
    yes(
        WatchedName,
        "Tom  Reed arrived late.",
        &[(WatchedName, "Tom  Reed")],
    ),
    yes(
        WatchedName,
        "Aisha's mum called.",
        &[(WatchedName, "Aisha")],
    ),
    yes(
        WatchedName,
        "A long chat with AISHA.",
        &[(WatchedName, "AISHA")],
    ),
    no(WatchedName, "Aishani joined the team."),
    no(WatchedName, "Tom, Reed and others met."),
    no(WatchedName, "The reed beds by the river."),
    no(WatchedName, "Tom from estates fixed it."),
    no(WatchedName, "We okayed the plan."),
    no(WatchedName, "Thomas Reed is someone else."),
    no(WatchedName, "The phrase 'tom reedy' appeared."),
    no(WatchedName, "Aish is a nickname."),
    unclear(
        WatchedName,
        "Siobhan (without the accent) rang.",
        &[(WatchedName, "Siobhan")],
    ),
];

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    true_cases: usize,
    false_cases: usize,
    found: usize,
    wrong: usize,
    missed: usize,
}

#[test]
fn the_corpus_is_found_with_this_precision_and_recall() {
    let watch: Vec<String> = WATCH.iter().map(|n| (*n).to_owned()).collect();
    let mut tallies: BTreeMap<IdentifierKind, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in CASES {
        let tally = tallies.entry(case.about).or_default();
        if case.expect.is_empty() {
            tally.false_cases += 1;
        } else {
            tally.true_cases += 1;
        }
        let spans = find(case.text, &watch);
        let got: Vec<(IdentifierKind, &str)> =
            spans.iter().map(|s| (s.kind, s.text.as_str())).collect();
        for expected in case.expect {
            let tally = tallies.entry(expected.0).or_default();
            if got.contains(expected) {
                tally.found += 1;
            } else {
                tally.missed += 1;
                if case.clear {
                    failures.push(format!(
                        "missed {expected:?} in {:?}; found {got:?}",
                        case.text
                    ));
                }
            }
        }
        for found in &got {
            if !case.expect.contains(found) {
                tallies.entry(found.0).or_default().wrong += 1;
                if case.clear {
                    failures.push(format!("wrongly flagged {found:?} in {:?}", case.text));
                }
            }
        }
    }

    println!();
    println!(
        "{:<16} {:>5} {:>5} {:>5} {:>5} {:>6} {:>9} {:>7}",
        "kind", "true", "false", "found", "wrong", "missed", "precision", "recall"
    );
    let ratio = |a: usize, b: usize| {
        if a + b == 0 {
            "-".to_owned()
        } else {
            format!("{:.2}", a as f64 / (a + b) as f64)
        }
    };
    for kind in IdentifierKind::ALL {
        let t = tallies.get(&kind).copied().unwrap_or_default();
        println!(
            "{:<16} {:>5} {:>5} {:>5} {:>5} {:>6} {:>9} {:>7}",
            kind.as_str(),
            t.true_cases,
            t.false_cases,
            t.found,
            t.wrong,
            t.missed,
            ratio(t.found, t.wrong),
            ratio(t.found, t.missed),
        );
    }

    for kind in IdentifierKind::ALL {
        let t = &tallies[&kind];
        assert!(
            t.true_cases >= 8 && t.false_cases >= 8,
            "{kind}: the corpus needs at least 8 sentences of each sort"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
