//! Fixes that agree: for a matched word, the replacements in its grammatical form, narrowed by
//! the sentence (a preposition, an agreeing adjective, a numeral, rumorph's context model), with
//! the words around it that must change too (adjectives and a past-tense verb when the gender
//! changes, «о»/«об», «с»/«со» before the new word). A fix is safe only when every remaining
//! reading gives the same text and the agreement around the word is certain.

use std::ops::Range;

use rumorph::Source;

use crate::diagnostic::{Applicability, Category, Edit, Fix, Suggestion};
use crate::dictionary::{Replacement, Term};
use crate::government::{self, Government};
use crate::inflect::{self, Features, feature, features};
use crate::morph::Morphology;
use crate::text::{capitalized, match_case, normalize_phrase};
use crate::words::{CONTEXT_RADIUS, Script, Words};

/// What the fix stage needs to know about one match.
#[derive(Clone)]
pub struct Match<'a> {
    pub text: &'a str,
    pub words: &'a Words,
    /// Indices of the matched words.
    pub matched: Range<usize>,
    pub span: Range<usize>,
    pub term: &'a Term,
    /// UD tags of the matched form's readings as this term.
    pub readings: &'a [u16],
}

/// Inflected suggestions and the fix for a match: the replacements of the sense the sentence
/// shows, and a fix that is applied only when the sentence after it is verified (no doubled word,
/// no half of a hyphenated coordination).
pub fn build(dictionary: &Morphology, found: &Match) -> (Vec<Suggestion>, Option<Fix>) {
    let term = found.term;
    if !term
        .replacements
        .iter()
        .any(|replacement| !replacement.near.is_empty())
    {
        return checked(dictionary, found, inflected(dictionary, found));
    }
    let selected: Vec<Replacement> = term
        .replacements
        .iter()
        .filter(|replacement| {
            !replacement.near.is_empty()
                && found
                    .words
                    .stem_nearby(&found.matched, CONTEXT_RADIUS, &replacement.near)
        })
        .cloned()
        .collect();
    let general: Vec<Replacement> = term
        .replacements
        .iter()
        .filter(|replacement| replacement.near.is_empty())
        .cloned()
        .collect();
    if selected.is_empty() && !general.is_empty() {
        // No sense shows: the replacements that fit every sense.
        let mut sensed = term.clone();
        sensed.replacements = general;
        let general_match = Match {
            term: &sensed,
            ..found.clone()
        };
        let (mut suggestions, fix) = checked(
            dictionary,
            &general_match,
            inflected(dictionary, &general_match),
        );
        // The other senses' words are still worth showing, after, in the same form.
        let mut senses = term.clone();
        senses
            .replacements
            .retain(|replacement| !replacement.near.is_empty());
        let (others, _) = inflected(
            dictionary,
            &Match {
                term: &senses,
                ..found.clone()
            },
        );
        for suggestion in others {
            if !suggestions.contains(&suggestion) {
                suggestions.push(suggestion);
            }
        }
        return (suggestions, fix);
    }
    if selected.is_empty() {
        // No sense shows: every replacement is offered, none is applied.
        let (suggestions, mut fix) = inflected(dictionary, found);
        if let Some(fix) = fix.as_mut() {
            fix.applicability = Applicability::DisplayOnly;
        }
        return (suggestions, fix);
    }
    let mut sensed = term.clone();
    sensed.replacements = selected
        .into_iter()
        .chain(
            term.replacements
                .iter()
                .filter(|replacement| replacement.near.is_empty())
                .cloned(),
        )
        .collect();
    let found = Match {
        term: &sensed,
        ..found.clone()
    };
    checked(dictionary, &found, inflected(dictionary, &found))
}

/// The fix made display-only when the sentence after it would not read: a word of the
/// replacement repeats a word next to it («в воронке продаж продаж», «Задание — короткое
/// задание»), or the word is the first half of a hyphenated coordination («Фронтенд- и
/// бэкенд-разработчиков»).
fn checked(
    dictionary: &Morphology,
    found: &Match,
    built: (Vec<Suggestion>, Option<Fix>),
) -> (Vec<Suggestion>, Option<Fix>) {
    let (suggestions, mut fix) = built;
    let Some(fix_ref) = fix.as_mut() else {
        return (suggestions, fix);
    };
    let after = &found.text[found.span.end..];
    let suspended = after.starts_with(crate::text::is_hyphen)
        && after
            .chars()
            .nth(1)
            .is_none_or(|next| next.is_whitespace() || next == ',');
    let main = fix_ref
        .edits
        .iter()
        .find(|edit| edit.span == found.span)
        .map(|edit| edit.replacement.clone())
        .unwrap_or_default();
    // «Мидл+»: a grade mark glued to the word.
    let marked = after.starts_with('+');
    // A word next to it that the dictionary does not know may make one term with it («Стори
    // поинты»): replacing half leaves a hybrid.
    let words = found.words;
    let unknown = |index: usize| {
        let word = &words.words[index];
        word.script == Script::Cyrillic
            && (word.sentence_start || word.shape != crate::words::Shape::Title)
            && !dictionary
                .analyze(words.normalized(word))
                .iter()
                .any(|analysis| analysis.source == Source::Dictionary)
    };
    let hybrid = previous(found).is_some_and(unknown)
        || (found.matched.end < words.words.len()
            && words.soft_gap(found.matched.end - 1)
            && unknown(found.matched.end));
    // «на проде» → «на рабочей среде»: the replacement needs «в», which is not this fix's word
    // to change.
    let needs_v = previous(found).is_some_and(|before| {
        words.normalized(&words.words[before]) == "на" && crate::government::place_takes_v(&main)
    });
    let new_words: String = fix_ref
        .edits
        .iter()
        .filter(|edit| edit.span != found.span)
        .map(|edit| edit.replacement.as_str())
        .chain(std::iter::once(main.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    if suspended
        || marked
        || hybrid
        || needs_v
        || repeats_nearby(found, &main, &fix_ref.edits)
        || repeats_within(&new_words)
        || two_genitives(dictionary, found, &main)
    {
        fix_ref.applicability = Applicability::DisplayOnly;
    }
    (suggestions, fix)
}

/// Whether a word of `replacement` repeats a word of the sentence near the match (the same word,
/// or one of the same root: a shared beginning of five letters that is most of the shorter
/// word), outside the edits.
fn repeats_nearby(found: &Match, replacement: &str, edits: &[Edit]) -> bool {
    let words = found.words;
    let window = words.around(found.matched.start, REPEAT_RADIUS);
    let new: Vec<String> = replacement
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= 4)
        .map(crate::text::normalize_phrase)
        .collect();
    (window.start..window.end.max(found.matched.end))
        .filter(|index| !found.matched.contains(index))
        .filter(|&index| {
            let span = &words.words[index].src;
            !edits
                .iter()
                .any(|edit| edit.span.start < span.end && span.start < edit.span.end)
        })
        .any(|index| {
            let old = words.normalized(&words.words[index]);
            new.iter().any(|word| same_root(word, old))
        })
}

/// Whether the words a fix writes repeat one root among themselves: «временной слот» →
/// «временное время».
fn repeats_within(written: &str) -> bool {
    let words: Vec<String> = written
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= 4)
        .map(crate::text::normalize_phrase)
        .collect();
    words
        .iter()
        .enumerate()
        .any(|(i, a)| words[i + 1..].iter().any(|b| a != b && same_root(a, b)))
}

/// Whether a replacement that ends in a genitive complement («руководитель группы», «список
/// задач») lands before another genitive («тимлид команды» → «руководитель группы команды»).
fn two_genitives(dictionary: &Morphology, found: &Match, written: &str) -> bool {
    let words = found.words;
    let complement = found.term.replacements.iter().any(|replacement| {
        let last = replacement.text.split(' ').next_back().unwrap_or_default();
        replacement.text.contains(' ')
            && replacement.head.as_deref().is_some_and(|head| head != last)
            && written.ends_with(last)
    });
    let next = found.matched.end;
    complement
        && next < words.words.len()
        && words.soft_gap(next - 1)
        && dictionary_readings(dictionary, words.normalized(&words.words[next]))
            .iter()
            .any(|reading| feature(reading, "Case") == Some("Gen"))
}

/// How far from the match a repeated word is a tautology.
const REPEAT_RADIUS: usize = 10;

/// Whether two normalized words share a root: equal, a common beginning of five letters
/// («выпустили» — «выпуск», «обработчиков» — «обрабатывают»), or of four that make up most of
/// the shorter word («время» — «временное»). Words of two roots that begin alike
/// («производство» — «произошло») count too: a fix missed is cheaper than a repeat written.
pub(crate) fn same_root(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 5 || (common >= 4 && common * 5 >= shorter * 4)
}

/// Inflected suggestions and the fix for a match, by the match's own replacements.
fn inflected(dictionary: &Morphology, found: &Match) -> (Vec<Suggestion>, Option<Fix>) {
    let term = found.term;
    let original = &found.text[found.span.clone()];
    // A Latin word's capitals say nothing about the Russian words that replace it («KPI» →
    // «ключевой показатель»), except at the start of a sentence.
    let sentence_start = found.words.words[found.matched.start].sentence_start;
    let as_written = || -> Vec<Suggestion> {
        term.replacements
            .iter()
            .map(|replacement| Suggestion {
                text: if term.is_latin() && sentence_start {
                    capitalized(&replacement.text)
                } else if term.is_latin() {
                    replacement.text.clone()
                } else {
                    match_case(original, &replacement.text)
                },
            })
            .collect()
    };
    if term.replacements.is_empty() {
        return (Vec::new(), None);
    }
    let display_only = |suggestions: Vec<Suggestion>| {
        let fix = suggestions.first().map(|first| Fix {
            applicability: Applicability::DisplayOnly,
            edits: vec![Edit {
                span: found.span.clone(),
                replacement: first.text.clone(),
            }],
        });
        (suggestions, fix)
    };
    // Words matched as written (Latin, abbreviations, invariable words) carry no grammar to
    // transfer, and an abbreviation is spelled out rather than replaced.
    if found.readings.is_empty()
        && term.category != Category::Abbreviation
        && found.matched.len() == 1
        && term.pos == crate::dictionary::Pos::Noun
        && let Some((case, sure)) = invariable_case(dictionary, found)
    {
        return invariable(dictionary, found, case, sure, as_written());
    }
    if found.readings.is_empty()
        || term.category == Category::Abbreviation
        || found.matched.len() > 1
    {
        return display_only(as_written());
    }
    let readings = narrow(dictionary, found);
    // For each reading, the first replacement that has its form.
    let mut primary: Vec<(Features, usize, String)> = Vec::new();
    for features in &readings {
        for (index, replacement) in term.replacements.iter().enumerate() {
            if let Some(text) = inflect::inflect(dictionary, replacement, features) {
                primary.push((features.clone(), index, text));
                break;
            }
        }
    }
    // A replacement that exists in one number only («большие данные» for «бигдата»): in that
    // number, with the same case; the words around may need the other number, so it is unsafe.
    let mut number_changed = false;
    if primary.is_empty() {
        for features in &readings {
            for (index, replacement) in term.replacements.iter().enumerate() {
                let Some(number) = replacement.number else {
                    continue;
                };
                let mut forced = features.clone();
                for (name, value) in &mut forced {
                    if name == "Number" {
                        *value = number.ud().into();
                    }
                }
                if let Some(text) = inflect::inflect(dictionary, replacement, &forced) {
                    primary.push((features.clone(), index, text));
                    number_changed = true;
                    break;
                }
            }
        }
    }
    let Some((first_features, first_index, _)) = primary.first().cloned() else {
        return display_only(as_written());
    };
    let mut texts: Vec<String> = Vec::new();
    for (_, _, text) in &primary {
        if !texts.contains(text) {
            texts.push(text.clone());
        }
    }
    // With one form, prefer a replacement of the same gender when the word has agreeing
    // neighbours: fewer words change.
    let mut chosen_index = first_index;
    if texts.len() == 1
        && let Some((index, text)) = same_gender_choice(dictionary, found, &first_features)
    {
        chosen_index = index;
        texts = vec![text];
    }
    // One text per replacement, in the best reading: the other forms of the first are no
    // alternatives («обратная связь», «обратную связь»).
    let mut suggestions: Vec<String> = vec![texts[0].clone()];
    for (index, replacement) in term.replacements.iter().enumerate() {
        if index == chosen_index {
            continue;
        }
        if let Some(text) = inflect::inflect(dictionary, replacement, &first_features)
            && !suggestions.contains(&text)
        {
            suggestions.push(text);
        }
    }
    let suggestions: Vec<Suggestion> = suggestions
        .iter()
        .map(|text| Suggestion {
            text: match_case(original, text),
        })
        .collect();
    let head_text = match_case(original, &texts[0]);
    let mut applicability = if texts.len() > 1 {
        Applicability::DisplayOnly
    } else if number_changed {
        // The words around may need the other number: a modifier before it, or a predicate.
        if after_modifier(dictionary, found) || feature(&first_features, "Case") == Some("Nom") {
            Applicability::DisplayOnly
        } else {
            Applicability::Unsafe
        }
    } else {
        Applicability::Safe
    };
    let replacement = &term.replacements[chosen_index];
    // The accusative of a noun depends on animacy: a person replaced by a word the morphology
    // takes for a thing is suspicious («фасилитатора» → «модератор»?).
    if feature(&first_features, "Case") == Some("Acc")
        && feature(&first_features, "POS") == Some("NOUN")
        && feature(&first_features, "Animacy") == Some("Anim")
        && noun_feature(dictionary, replacement, "Animacy").as_deref() == Some("Inan")
    {
        applicability = applicability.min(Applicability::DisplayOnly);
    }
    // And a thing replaced by a person after a modifier: «создайте новый лид» must not become
    // «создайте новый потенциального клиента».
    if feature(&first_features, "Case") == Some("Acc")
        && feature(&first_features, "POS") == Some("NOUN")
        && feature(&first_features, "Animacy") != Some("Anim")
        && noun_feature(dictionary, replacement, "Animacy").as_deref() == Some("Anim")
        && after_modifier(dictionary, found)
    {
        applicability = applicability.min(Applicability::DisplayOnly);
    }
    // A noun that modifies the next noun («в продакшен среде», «в фича ветке») does not inflect
    // there: its case is no case, and a replacement in it breaks the phrase.
    if feature(&first_features, "POS") == Some("NOUN") && modifies_next_noun(dictionary, found) {
        applicability = Applicability::DisplayOnly;
    }
    // After «два», «три», «четыре» the adjectives of a phrase take another case than the noun
    // («три фоновых процесса»), and «два»/«две» follow the gender.
    let counted = previous(found).and_then(|before| {
        numeral(
            dictionary,
            found.words.normalized(&found.words.words[before]),
        )
    });
    let mut numeral_edit = None;
    if matches!(counted, Some(Counted::Few)) {
        let head_word = replacement.head.as_deref().unwrap_or(&replacement.text);
        let modifiers = replacement
            .text
            .split(' ')
            .take_while(|word| *word != head_word)
            .count();
        if modifiers > 0 {
            applicability = applicability.min(Applicability::DisplayOnly);
        }
        let gender = noun_feature(dictionary, replacement, "Gender");
        if gender.as_deref() != feature(&first_features, "Gender") {
            // «две ноды» → «два узла».
            let before = previous(found).expect("a numeral was found before the word");
            let source = &found.text[found.words.words[before].src.clone()];
            let feminine = gender.as_deref() == Some("Fem");
            let wanted = match source.to_lowercase().as_str() {
                "два" | "две" => Some(if feminine { "две" } else { "два" }),
                "оба" | "обе" => Some(if feminine { "обе" } else { "оба" }),
                "полтора" | "полторы" => Some(if feminine {
                    "полторы"
                } else {
                    "полтора"
                }),
                "три" | "четыре" => None,
                _ => {
                    applicability = applicability.min(Applicability::DisplayOnly);
                    None
                }
            };
            if let Some(wanted) = wanted
                && wanted != source.to_lowercase()
            {
                numeral_edit = Some(Edit {
                    span: found.words.words[before].src.clone(),
                    replacement: match_case(source, wanted),
                });
            }
        }
    }
    if replacement.text.contains(' ') && replacement.head.is_none() {
        applicability = applicability.min(Applicability::DisplayOnly);
    }
    let mut edits = vec![Edit {
        span: found.span.clone(),
        replacement: head_text.clone(),
    }];
    // A replacement verb that governs its object otherwise: the object follows («Пингани меня»
    // → «Напомни мне», «шерим экран» → «делимся экраном»), or a human rewrites the phrase.
    let reflexive = |word: &str| word.ends_with("ся") || word.ends_with("сь");
    if term.pos == crate::dictionary::Pos::Verb && !reflexive(&term.lemma) {
        match object_edit(dictionary, found, government::of(&replacement.text)) {
            Ok(edit) => edits.extend(edit),
            Err(()) => applicability = Applicability::DisplayOnly,
        }
    }
    if let Some(edit) = preposition(found, &head_text) {
        edits.insert(0, edit);
    }
    edits.extend(numeral_edit);
    // The words that agree with a noun whose replacement has another gender (for the best
    // reading when there are several: the fix is unsafe then anyway). When the readings left
    // would rewrite them differently («высокий аптайм»: nominative or accusative), it is unsafe.
    let agreeing = |features: &Features| match agreement(
        dictionary,
        found,
        features,
        &term.replacements[chosen_index],
    ) {
        Agreement::None => Vec::new(),
        Agreement::Edits(edits) | Agreement::Uncertain(edits) => edits,
    };
    let first_edits = agreeing(&first_features);
    let mut agreement_features = first_features.clone();
    if readings
        .iter()
        .skip(1)
        .any(|features| agreeing(features) != first_edits)
    {
        // The context model decides when it is sure («Апдейт вышел»: nominative).
        let ranking = model_ranking(dictionary, found);
        let sure = ranking
            .first()
            .filter(|(_, probability)| *probability >= 0.9)
            .map(|(form, _)| form.clone());
        let chosen: Vec<&Features> = sure
            .map(|form| {
                readings
                    .iter()
                    .filter(|features| form_of(features) == form)
                    .collect()
            })
            .unwrap_or_default();
        match chosen.split_first() {
            Some((best, rest)) if rest.iter().all(|other| agreeing(other) == agreeing(best)) => {
                agreement_features = (*best).clone();
            }
            _ => applicability = applicability.min(Applicability::DisplayOnly),
        }
    }
    {
        match agreement(
            dictionary,
            found,
            &agreement_features,
            &term.replacements[chosen_index],
        ) {
            Agreement::None => {}
            Agreement::Edits(more) => edits.extend(more),
            Agreement::Uncertain(more) => {
                edits.extend(more);
                applicability = applicability.min(Applicability::DisplayOnly);
            }
        }
    }
    edits.sort_by_key(|edit| edit.span.start);
    // A word found twice (an adjective before the noun that is also a complement of «был»)
    // is edited once; edits that still overlap are no fix to apply.
    edits.dedup();
    if edits
        .windows(2)
        .any(|pair| pair[1].span.start < pair[0].span.end)
    {
        applicability = Applicability::DisplayOnly;
        edits.retain(|edit| edit.span == found.span);
    }
    (
        suggestions,
        Some(Fix {
            applicability,
            edits,
        }),
    )
}

/// The edit of the jargon verb's direct object for a replacement verb of government
/// `government`: none when it needs none, an error when the object cannot follow by itself
/// (a phrase, a preposition, a verb with no object).
fn object_edit(
    dictionary: &Morphology,
    found: &Match,
    government: Government,
) -> Result<Option<Edit>, ()> {
    if government == Government::Direct {
        return Ok(None);
    }
    let words = found.words;
    // The object: the next word, or a personal pronoun right before the verb («меня пингани»).
    let next = (found.matched.end < words.words.len() && words.soft_gap(found.matched.end - 1))
        .then_some(found.matched.end);
    let before = previous(found);
    let accusative = |index: usize| -> Vec<rumorph::Analysis> {
        let source = &found.text[words.words[index].src.clone()];
        dictionary
            .analyze(source)
            .into_iter()
            .filter(|analysis| analysis.source == Source::Dictionary)
            .filter(|analysis| {
                let reading = features(dictionary, analysis.ud);
                feature(&reading, "Case") == Some("Acc")
                    && matches!(feature(&reading, "POS"), Some("NOUN" | "PRON" | "PROPN"))
            })
            .collect()
    };
    let pronoun = |analyses: &[rumorph::Analysis]| {
        analyses
            .iter()
            .any(|analysis| feature(&features(dictionary, analysis.ud), "POS") == Some("PRON"))
    };
    let modifier = |index: usize| {
        dictionary_readings(dictionary, words.normalized(&words.words[index]))
            .iter()
            .any(|reading| {
                matches!(feature(reading, "POS"), Some("ADJ" | "DET"))
                    && feature(reading, "Case") == Some("Acc")
            })
    };
    let object = match (next, before) {
        (Some(index), _) if !accusative(index).is_empty() => Some(index),
        (Some(index), _) if modifier(index) => return Err(()),
        (_, Some(index)) if pronoun(&accusative(index)) => Some(index),
        _ => None,
    };
    let Some(object) = object else {
        return Ok(None);
    };
    let Government::Case(case) = government else {
        return Err(());
    };
    let analyses = accusative(object);
    // A verb of speech takes a thing as its direct object and a person in the dative: «напиши
    // письмо», «напиши мне».
    let person = analyses.iter().any(|analysis| {
        let reading = features(dictionary, analysis.ud);
        feature(&reading, "POS") == Some("PRON") || feature(&reading, "Animacy") == Some("Anim")
    });
    if case == "Dat" && !person {
        return Ok(None);
    }
    let source = &found.text[words.words[object].src.clone()];
    let mut forms: Vec<String> = Vec::new();
    for analysis in &analyses {
        match dictionary.inflect(analysis, &[("Case", case)]) {
            Some(form) if feature(&features(dictionary, form.ud), "Case") == Some(case) => {
                if !forms.contains(&form.word) {
                    forms.push(form.word);
                }
            }
            _ => return Err(()),
        }
    }
    match forms.as_slice() {
        [form] => Ok(Some(Edit {
            span: words.words[object].src.clone(),
            replacement: match_case(source, form),
        })),
        _ => Err(()),
    }
}

/// The case of a word that does not inflect (a Latin word, «ретро», «ревью») after a
/// preposition: the one case it governs («для», «к», «после»…), «о» with the prepositional,
/// and for «в», «на», «за», «по», «с» the case rumorph's context model gives an indeclinable
/// noun put in its place («кафе»), when it is sure. `sure` is false for «в» and «на»: direction
/// or place, and whether the replacement takes the same preposition, is the reader's call.
fn invariable_case(dictionary: &Morphology, found: &Match) -> Option<(&'static str, bool)> {
    let before = previous(found)?;
    let preposition = found.words.normalized(&found.words.words[before]);
    let cases = governed(preposition)?;
    let place = matches!(preposition, "в" | "во" | "на");
    if let [case] = cases {
        return Some((case, true));
    }
    if matches!(preposition, "о" | "об" | "обо") {
        return Some(("Loc", true));
    }
    let (mut tokens, position) = found.words.sentence_tokens(found.text, found.matched.start);
    tokens[position] = "кафе";
    let ranked = dictionary.analyze_sentence(&tokens).ok()?;
    let mut by_case: Vec<(&'static str, f64)> = Vec::new();
    for analysis in ranked.get(position).into_iter().flatten() {
        let reading = features(dictionary, analysis.ud);
        let Some(case) = feature(&reading, "Case") else {
            continue;
        };
        let Some(&known) = cases.iter().find(|known| **known == case) else {
            continue;
        };
        match by_case.iter_mut().find(|(name, _)| *name == known) {
            Some((_, probability)) => *probability += analysis.prob,
            None => by_case.push((known, analysis.prob)),
        }
    }
    by_case.sort_by(|a, b| b.1.total_cmp(&a.1));
    by_case
        .first()
        .filter(|(_, probability)| *probability >= 0.9)
        .map(|(case, _)| (*case, !place))
}

/// Suggestions and a fix for a word that does not inflect, in case `case` (singular): safe when
/// the case is certain and nothing around agrees with it; display-only after «в» and «на», when a
/// modifier stands before it or it modifies the next noun.
fn invariable(
    dictionary: &Morphology,
    found: &Match,
    case: &str,
    sure: bool,
    as_written: Vec<Suggestion>,
) -> (Vec<Suggestion>, Option<Fix>) {
    let term = found.term;
    let original = &found.text[found.span.clone()];
    let wanted: Features = vec![
        ("POS".into(), "NOUN".into()),
        ("Case".into(), case.into()),
        ("Number".into(), "Sing".into()),
    ];
    // A Latin word's capitals say nothing of the Russian words, except at a sentence start.
    let sentence_start = found.words.words[found.matched.start].sentence_start;
    let cased = |text: &str| {
        if !term.is_latin() {
            match_case(original, text)
        } else if sentence_start {
            capitalized(text)
        } else {
            text.to_string()
        }
    };
    let mut suggestions: Vec<Suggestion> = Vec::new();
    for replacement in &term.replacements {
        let text = cased(
            &inflect::inflect(dictionary, replacement, &wanted)
                .unwrap_or_else(|| replacement.text.clone()),
        );
        if !suggestions.iter().any(|known| known.text == text) {
            suggestions.push(Suggestion { text });
        }
    }
    let Some(first) = term
        .replacements
        .first()
        .and_then(|replacement| inflect::inflect(dictionary, replacement, &wanted))
    else {
        return (as_written.clone(), display_only_fix(found, &as_written));
    };
    let head = cased(&first);
    // After «в» and «на» the case is direction or place («деплой в production» — куда?), and the
    // preposition may not suit the replacement: a human decides.
    let mut applicability = if sure {
        Applicability::Safe
    } else {
        Applicability::DisplayOnly
    };
    // A plural Latin form («leads»), a modifier before it, a noun it modifies: the form is not
    // certain.
    let written = found
        .words
        .normalized(&found.words.words[found.matched.start]);
    let base = term
        .spellings()
        .any(|spelling| normalize_phrase(spelling) == written);
    if !base || after_modifier(dictionary, found) || modifies_next_noun(dictionary, found) {
        applicability = Applicability::DisplayOnly;
    }
    let mut edits = vec![Edit {
        span: found.span.clone(),
        replacement: head.clone(),
    }];
    if let Some(edit) = preposition(found, &head) {
        edits.insert(0, edit);
    }
    (
        suggestions,
        Some(Fix {
            applicability,
            edits,
        }),
    )
}

/// A display-only fix with the first suggestion.
fn display_only_fix(found: &Match, suggestions: &[Suggestion]) -> Option<Fix> {
    suggestions.first().map(|first| Fix {
        applicability: Applicability::DisplayOnly,
        edits: vec![Edit {
            span: found.span.clone(),
            replacement: first.text.clone(),
        }],
    })
}

/// The cases each preposition governs.
fn governed(preposition: &str) -> Option<&'static [&'static str]> {
    Some(match preposition {
        "в" | "во" | "на" | "о" | "об" | "обо" => &["Acc", "Loc"],
        "с" | "со" => &["Gen", "Ins", "Acc"],
        "к" | "ко" => &["Dat"],
        "по" => &["Dat", "Loc", "Acc"],
        "за" | "под" | "подо" => &["Acc", "Ins"],
        "над" | "надо" | "перед" | "передо" | "между" => &["Ins"],
        "при" => &["Loc"],
        "через" | "про" | "сквозь" => &["Acc"],
        "для" | "без" | "безо" | "до" | "из" | "изо" | "от" | "ото" | "у" | "после" | "около"
        | "кроме" | "вокруг" | "из-за" | "из-под" | "против" | "среди" | "вместо" | "возле"
        | "ради" | "насчет" => &["Gen"],
        _ => return None,
    })
}

/// Whether the match follows a preposition and the word right after it is a noun in a case the
/// preposition governs, other than the genitive («в продакшен среде»): the match is then an
/// uninflected modifier of that noun. A genitive next word is a complement («со скоупом проекта»).
fn modifies_next_noun(dictionary: &Morphology, found: &Match) -> bool {
    let last = found.matched.end - 1;
    let next = found.matched.end;
    if next >= found.words.words.len() || !found.words.soft_gap(last) {
        return false;
    }
    let readings =
        dictionary_readings(dictionary, found.words.normalized(&found.words.words[next]));
    // After a preposition: «в продакшен среде» — the next noun takes the governed case.
    let Some(cases) = previous(found)
        .and_then(|before| governed(found.words.normalized(&found.words.words[before])))
    else {
        // Elsewhere a noun in an oblique case the word cannot be in, after the word in its
        // base form that no verb before takes as an object: «фронтенд инженеру», «джуниор
        // тестировщиком» (not «Покажем релиз клиентам»).
        let written = found
            .words
            .normalized(&found.words.words[found.matched.start]);
        let base = found
            .term
            .spellings()
            .any(|spelling| normalize_phrase(spelling) == written);
        let object_of_verb = previous(found).is_some_and(|before| {
            let word = found.words.normalized(&found.words.words[before]);
            !word.ends_with("ся")
                && !word.ends_with("сь")
                && dictionary_readings(dictionary, word)
                    .iter()
                    .any(|reading| feature(reading, "POS") == Some("VERB"))
        });
        if !base || object_of_verb {
            return false;
        }
        let own: Vec<String> = found
            .readings
            .iter()
            .filter_map(|&ud| feature(&features(dictionary, ud), "Case").map(str::to_owned))
            .collect();
        return !readings.is_empty()
            && readings
                .iter()
                .all(|reading| feature(reading, "POS") == Some("NOUN"))
            && readings.iter().all(|reading| {
                feature(reading, "Case").is_some_and(|case| {
                    !matches!(case, "Nom" | "Gen") && !own.iter().any(|known| known == case)
                })
            });
    };
    !readings.is_empty()
        && readings
            .iter()
            .all(|reading| feature(reading, "POS") == Some("NOUN"))
        && readings.iter().any(|reading| {
            feature(reading, "Case")
                .is_some_and(|case| !matches!(case, "Nom" | "Gen") && cases.contains(&case))
        })
}

/// Whether an adjective or a determiner stands right before the match: «новый лид».
fn after_modifier(dictionary: &Morphology, found: &Match) -> bool {
    previous(found).is_some_and(|before| {
        dictionary_readings(
            dictionary,
            found.words.normalized(&found.words.words[before]),
        )
        .iter()
        .any(|reading| matches!(feature(reading, "POS"), Some("ADJ" | "DET")))
    })
}

/// The readings of a word in the morphology dictionary itself (not guessed).
fn dictionary_readings(dictionary: &Morphology, word: &str) -> Vec<Features> {
    dictionary
        .analyze(word)
        .iter()
        .filter(|analysis| analysis.source == Source::Dictionary)
        .map(|analysis| features(dictionary, analysis.ud))
        .collect()
}

/// The word before the first matched word, when only whitespace separates them.
fn previous(found: &Match) -> Option<usize> {
    let index = found.matched.start.checked_sub(1)?;
    found.words.soft_gap(index).then_some(index)
}

/// Readings of the match that fit its sentence.
fn narrow(dictionary: &Morphology, found: &Match) -> Vec<Features> {
    let mut readings: Vec<Features> = found
        .readings
        .iter()
        .map(|&ud| features(dictionary, ud))
        .collect();
    let keep = |readings: &mut Vec<Features>, fits: &dyn Fn(&Features) -> bool| {
        if readings.iter().any(fits) {
            readings.retain(|reading| fits(reading));
        }
    };
    if let Some(before) = previous(found) {
        let word = found
            .words
            .normalized(&found.words.words[before])
            .to_string();
        if let Some(cases) = governed(&word) {
            keep(&mut readings, &|reading| {
                feature(reading, "Case").is_some_and(|case| cases.contains(&case))
            });
        } else if let Some(number) = numeral(dictionary, &word) {
            // A form that cannot follow the numeral is read wrong: no fix from it.
            if !readings.iter().any(|reading| number.fits(reading)) {
                return Vec::new();
            }
            keep(&mut readings, &|reading| number.fits(reading));
        } else {
            let modifiers: Vec<Features> = dictionary
                .analyze(&word)
                .iter()
                .filter(|analysis| analysis.source == Source::Dictionary)
                .map(|analysis| features(dictionary, analysis.ud))
                .filter(|modifier| matches!(feature(modifier, "POS"), Some("ADJ" | "DET")))
                .collect();
            if !modifiers.is_empty() {
                // «новых фичей»: a noun no full adjective before it agrees with is read wrong (a
                // colloquial genitive taken for an instrumental): no fix from it.
                // Not a word that is also a noun after a preposition: «по данным фидбэка».
                let after_preposition = before > 0
                    && found.words.soft_gap(before - 1)
                    && governed(found.words.normalized(&found.words.words[before - 1])).is_some();
                let substantive = after_preposition
                    && dictionary_readings(dictionary, &word)
                        .iter()
                        .any(|reading| feature(reading, "POS") == Some("NOUN"));
                let attributive = !substantive
                    && modifiers.iter().any(|modifier| {
                        feature(modifier, "Variant") != Some("Short")
                            && feature(modifier, "Degree") != Some("Cmp")
                            && feature(modifier, "Case").is_some()
                    });
                let nouns = readings
                    .iter()
                    .all(|reading| feature(reading, "POS") == Some("NOUN"));
                if attributive
                    && nouns
                    && !readings
                        .iter()
                        .any(|reading| modifiers.iter().any(|modifier| agrees(modifier, reading)))
                {
                    return Vec::new();
                }
                keep(&mut readings, &|reading| {
                    modifiers.iter().any(|modifier| agrees(modifier, reading))
                });
            }
        }
    }
    // Whether the readings left are a nominative and another case.
    let nominative_or_other = |readings: &[Features]| {
        readings
            .iter()
            .any(|reading| feature(reading, "Case") == Some("Nom"))
            && readings
                .iter()
                .any(|reading| feature(reading, "Case") != Some("Nom"))
    };
    // A subject agrees with its verb: when every finite verb of the sentence is in the first or
    // second person or in another number, the noun is not in the nominative («Пререлиз
    // отдадим»: accusative).
    if nominative_or_other(&readings) {
        let verbs = finite_verbs(dictionary, found);
        if !verbs.is_empty() {
            keep(&mut readings, &|reading| {
                feature(reading, "Case") != Some("Nom")
                    || verbs.iter().any(|verb| {
                        feature(verb, "Number") == feature(reading, "Number")
                            && feature(verb, "Person").is_none_or(|person| person == "3")
                    })
            });
        }
    }
    // And a noun that reads as a nominative or another case is the subject when its clause has
    // a predicate in its gender and number and no other word that could be the subject
    // («Митинг, на котором обсудили бюджет, затянулся»; not «Митинг провёл Олег»).
    if nominative_or_other(&readings) {
        let clause = main_clause(dictionary, found);
        let subject = readings
            .iter()
            .find(|reading| feature(reading, "Case") == Some("Nom"))
            .cloned();
        if let Some(subject) = subject
            && is_subject(dictionary, found, &clause, &subject, false)
        {
            keep(&mut readings, &|reading| {
                feature(reading, "Case") == Some("Nom")
            });
        }
    }
    // «цикл фичей», «связанных друг с другом фичей»: after a noun, a feminine «-ей» is the
    // colloquial genitive plural, not the instrumental singular it reads as.
    let written = found
        .words
        .normalized(&found.words.words[found.matched.start]);
    if written.ends_with("ей")
        && readings.iter().all(|reading| {
            feature(reading, "Case") == Some("Ins")
                && feature(reading, "Number") == Some("Sing")
                && feature(reading, "Gender") == Some("Fem")
        })
        && previous(found).is_some_and(|before| {
            let previous = dictionary_readings(
                dictionary,
                found.words.normalized(&found.words.words[before]),
            );
            previous
                .iter()
                .any(|other| feature(other, "POS") == Some("NOUN"))
                && !previous.iter().any(|other| {
                    readings.iter().any(|reading| agrees(other, reading))
                        || feature(other, "POS") == Some("VERB")
                })
        })
    {
        return Vec::new();
    }
    if distinct_texts(dictionary, found.term, &readings) > 1 {
        let ranking = model_ranking(dictionary, found);
        let form = |reading: &Features| -> Vec<(String, String)> {
            inflect::transferred(reading)
                .iter()
                .map(|&(name, value)| (name.to_string(), value.to_string()))
                .collect()
        };
        let probability = |reading: &Features| {
            let form = form(reading);
            ranking
                .iter()
                .find(|(known, _)| *known == form)
                .map_or(0.0, |(_, probability)| *probability)
        };
        if ranking
            .first()
            .is_some_and(|(_, probability)| *probability >= 0.9)
        {
            // The model is sure: its form only.
            let best = ranking[0].0.clone();
            keep(&mut readings, &|reading| form(reading) == best);
        } else {
            // Not sure: all readings stay, the model's best guess first.
            readings.sort_by(|a, b| probability(b).total_cmp(&probability(a)));
        }
    }
    readings
}

/// The grammatical form of a reading: the features a replacement takes over.
fn form_of(reading: &Features) -> Vec<(String, String)> {
    inflect::transferred(reading)
        .iter()
        .map(|&(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// The words of the match's sentence near it (twelve on each side) outside the match and the
/// relative clause that follows it: where its predicate and a rival subject would be.
fn main_clause(dictionary: &Morphology, found: &Match) -> Vec<usize> {
    let relative =
        relative_clause(dictionary, found).map(|(_, clause)| found.matched.end..clause.end);
    found
        .words
        .around(found.matched.start, 12)
        .filter(|index| !found.matched.contains(index))
        .filter(|index| {
            relative
                .as_ref()
                .is_none_or(|relative| !relative.contains(index))
        })
        .collect()
}

/// Whether the sentence has another word that may be a subject in the number of `reading`: a
/// noun, name or personal pronoun that may be a nominative («Я исправил баг»).
fn has_rival_subject(dictionary: &Morphology, found: &Match, reading: &Features) -> bool {
    let number = feature(reading, "Number");
    main_clause(dictionary, found)
        .into_iter()
        .filter(|&index| {
            // «двести человек»: counted, not a subject.
            index == 0
                || !found.words.soft_gap(index - 1)
                || numeral(
                    dictionary,
                    found.words.normalized(&found.words.words[index - 1]),
                )
                .is_none()
        })
        .any(|index| {
            let source = &found.text[found.words.words[index].src.clone()];
            dictionary.analyze(source).iter().any(|analysis| {
                let other = features(dictionary, analysis.ud);
                matches!(feature(&other, "POS"), Some("NOUN" | "PROPN" | "PRON"))
                    && feature(&other, "Case") == Some("Nom")
                    && feature(&other, "Number") == number
            })
        })
}

/// Whether the words `clause` (indices) hold a predicate that agrees with a subject of form
/// `subject` — a past-tense verb or a short form in its number (and gender in the singular), by
/// the word's most probable reading — and no other word that could be the subject (a noun, name
/// or personal pronoun that may be a nominative of that number).
fn is_subject(
    dictionary: &Morphology,
    found: &Match,
    clause: &[usize],
    subject: &Features,
    relative: bool,
) -> bool {
    let number = feature(subject, "Number");
    let gender = feature(subject, "Gender");
    let mut predicate = false;
    for &index in clause {
        let source = &found.text[found.words.words[index].src.clone()];
        let analyses = dictionary.analyze(source);
        if let Some(top) = analyses.first() {
            let reading = features(dictionary, top.ud);
            // A transitive verb may have a subject left out and the noun as its object
            // («Апдейт по таскам скинул в тред»): only a reflexive verb, a copula or a short
            // form shows the subject.
            let lemma = normalize_phrase(&top.lemma);
            // In a relative clause «который» with a verb in its gender is the subject whatever
            // the verb («который вышел»): a left-out subject is rare there.
            let intransitive =
                relative || lemma.ends_with("ся") || lemma.ends_with("сь") || is_copula(&top.lemma);
            let finite = if feature(&reading, "Variant") == Some("Short") {
                true
            } else {
                gendered_predicate(&reading) && intransitive
            };
            if finite
                && feature(&reading, "Number") == number
                && (number == Some("Plur") || feature(&reading, "Gender") == gender)
            {
                predicate = true;
            }
        }
        let counted = index > 0
            && found.words.soft_gap(index - 1)
            && numeral(
                dictionary,
                found.words.normalized(&found.words.words[index - 1]),
            )
            .is_some();
        let rival = !counted
            && analyses.iter().any(|analysis| {
                let reading = features(dictionary, analysis.ud);
                matches!(feature(&reading, "POS"), Some("NOUN" | "PROPN" | "PRON"))
                    && feature(&reading, "Case") == Some("Nom")
                    && feature(&reading, "Number") == number
            });
        if rival {
            return false;
        }
    }
    predicate
}

/// The predicates of the match's clause (the words around it not parted by punctuation), by
/// their most probable reading: finite indicative verbs and short adjectives or participles.
fn finite_verbs(dictionary: &Morphology, found: &Match) -> Vec<Features> {
    let words = found.words;
    // A clause of real text is short; a line of words without punctuation is not searched whole.
    const RADIUS: usize = 12;
    let mut start = found.matched.start;
    while start > 0 && found.matched.start - start < RADIUS && words.soft_gap(start - 1) {
        start -= 1;
    }
    // A subordinate clause begins at its conjunction even without a comma («Тред про то почему
    // используют вим»): its verbs have subjects of their own.
    let subordinate = |index: usize| {
        matches!(
            words.normalized(&words.words[index]),
            "что"
                | "чтобы"
                | "почему"
                | "зачем"
                | "как"
                | "когда"
                | "где"
                | "куда"
                | "если"
                | "потому"
                | "который"
                | "которые"
                | "которая"
                | "которое"
                | "кто"
        )
    };
    let mut end = found.matched.end;
    while end < words.words.len()
        && end - found.matched.end < RADIUS
        && words.soft_gap(end - 1)
        && !subordinate(end)
    {
        end += 1;
    }
    (start..end)
        .filter(|index| !found.matched.contains(index))
        .filter_map(|index| {
            let token = &found.text[words.words[index].src.clone()];
            dictionary.analyze(token).into_iter().next()
        })
        .map(|analysis| features(dictionary, analysis.ud))
        .filter(|reading| {
            let verb = feature(reading, "POS") == Some("VERB")
                && feature(reading, "VerbForm") == Some("Fin")
                && feature(reading, "Mood") == Some("Ind");
            verb || feature(reading, "Variant") == Some("Short")
        })
        .collect()
}

/// How many different primary replacement texts the readings give.
fn distinct_texts(dictionary: &Morphology, term: &Term, readings: &[Features]) -> usize {
    let mut texts: Vec<String> = Vec::new();
    for reading in readings {
        let text = term
            .replacements
            .iter()
            .find_map(|replacement| inflect::inflect(dictionary, replacement, reading));
        if let Some(text) = text
            && !texts.contains(&text)
        {
            texts.push(text);
        }
    }
    texts.len()
}

/// The grammatical forms (the features a replacement takes over) that rumorph's context model
/// gives the matched word in its sentence, with their probabilities, most probable first.
fn model_ranking(dictionary: &Morphology, found: &Match) -> Vec<(Vec<(String, String)>, f64)> {
    let (tokens, position) = found.words.sentence_tokens(found.text, found.matched.start);
    let Ok(ranked) = dictionary.analyze_sentence(&tokens) else {
        return Vec::new();
    };
    let own: Vec<String> = found.term.spellings().map(normalize_phrase).collect();
    let mut forms: Vec<(Vec<(String, String)>, f64)> = Vec::new();
    for analysis in ranked.get(position).into_iter().flatten() {
        if !own.contains(&normalize_phrase(&analysis.lemma)) {
            continue;
        }
        let reading = features(dictionary, analysis.ud);
        let form: Vec<(String, String)> = inflect::transferred(&reading)
            .iter()
            .map(|&(name, value)| (name.to_string(), value.to_string()))
            .collect();
        match forms.iter_mut().find(|(known, _)| *known == form) {
            Some((_, probability)) => *probability += analysis.prob,
            None => forms.push((form, analysis.prob)),
        }
    }
    forms.sort_by(|a, b| b.1.total_cmp(&a.1));
    forms
}

/// What a numeral before a noun says about the noun's form.
enum Counted {
    /// 1, 21, 31…: singular.
    One,
    /// 2–4, 22–24…: genitive singular (after a numeral in the nominative or accusative).
    Few,
    /// 5–20, 25…: genitive plural.
    Many,
}

impl Counted {
    fn fits(&self, reading: &Features) -> bool {
        let (case, number) = (feature(reading, "Case"), feature(reading, "Number"));
        match self {
            Counted::One => number == Some("Sing"),
            Counted::Few => case == Some("Gen") && number == Some("Sing"),
            Counted::Many => case == Some("Gen") && number == Some("Plur"),
        }
    }
}

fn numeral(dictionary: &Morphology, word: &str) -> Option<Counted> {
    if let Ok(number) = word.parse::<u64>() {
        return Some(match (number % 10, number % 100) {
            (_, 11..=14) => Counted::Many,
            (1, _) => Counted::One,
            (2..=4, _) => Counted::Few,
            _ => Counted::Many,
        });
    }
    let lemma = dictionary
        .analyze(word)
        .into_iter()
        .find(|analysis| {
            dictionary
                .ud_tag(analysis.ud)
                .is_some_and(|tag| tag.pos() == "NUM")
        })?
        .lemma;
    Some(match lemma.as_str() {
        "два" | "три" | "четыре" | "оба" | "полтора" => Counted::Few,
        "один" => return None,
        _ => Counted::Many,
    })
}

/// Whether an adjective reading agrees with a noun reading in case, number and (singular) gender.
fn agrees(modifier: &Features, noun: &Features) -> bool {
    let same = |name: &str| feature(modifier, name) == feature(noun, name);
    same("Case") && same("Number") && (feature(noun, "Number") == Some("Plur") || same("Gender"))
}

/// A feature (gender, animacy) of the replacement's head noun.
fn noun_feature(
    dictionary: &Morphology,
    replacement: &crate::dictionary::Replacement,
    name: &str,
) -> Option<String> {
    let head = replacement
        .head
        .clone()
        .unwrap_or_else(|| replacement.text.clone());
    dictionary
        .analyze(&head)
        .iter()
        .filter(|analysis| analysis.source == Source::Dictionary)
        .map(|analysis| features(dictionary, analysis.ud))
        .find(|reading| feature(reading, "POS") == Some("NOUN"))
        .and_then(|reading| feature(&reading, name).map(str::to_string))
}

/// The replacement's gender in the singular, from its head word.
fn gender_of(
    dictionary: &Morphology,
    replacement: &crate::dictionary::Replacement,
) -> Option<String> {
    noun_feature(dictionary, replacement, "Gender")
}

/// When the word is a singular noun with agreeing neighbours and the first replacement has
/// another gender, the first replacement of the same gender, if any: `(index, text)`.
fn same_gender_choice(
    dictionary: &Morphology,
    found: &Match,
    reading: &Features,
) -> Option<(usize, String)> {
    if feature(reading, "POS") != Some("NOUN") || feature(reading, "Number") != Some("Sing") {
        return None;
    }
    // «в продакшне» → «в рабочей среде», not «в боевом сервере»: «в» or «на» goes with the noun.
    if previous(found).is_some_and(|before| {
        matches!(
            found.words.normalized(&found.words.words[before]),
            "в" | "во" | "на"
        )
    }) {
        return None;
    }
    let gender = feature(reading, "Gender")?;
    let replacements = &found.term.replacements;
    if gender_of(dictionary, replacements.first()?).as_deref() == Some(gender) {
        return None;
    }
    if matches!(
        agreement(dictionary, found, reading, &replacements[0]),
        Agreement::None
    ) {
        return None;
    }
    replacements
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(index, replacement)| {
            (gender_of(dictionary, replacement).as_deref() == Some(gender))
                .then(|| {
                    inflect::inflect(dictionary, replacement, reading).map(|text| (index, text))
                })
                .flatten()
        })
}

enum Agreement {
    /// Nothing around the word depends on its gender.
    None,
    /// These edits make the words around agree with the replacement.
    Edits(Vec<Edit>),
    /// Something may agree with the word, but which words is not certain: the edits are the best
    /// guess.
    Uncertain(Vec<Edit>),
}

/// Rewrites of the adjectives before a singular noun and of the past-tense verb, short adjective
/// or «который» after it when the replacement has another gender: «важный митинг прошёл» →
/// «важная встреча прошла».
fn agreement(
    dictionary: &Morphology,
    found: &Match,
    reading: &Features,
    replacement: &crate::dictionary::Replacement,
) -> Agreement {
    if feature(reading, "POS") != Some("NOUN") || feature(reading, "Number") != Some("Sing") {
        return Agreement::None;
    }
    let (Some(old), Some(new)) = (
        feature(reading, "Gender"),
        gender_of(dictionary, replacement),
    ) else {
        return Agreement::None;
    };
    if old == new {
        return Agreement::None;
    }
    let Some(head) = inflect::inflect(dictionary, replacement, reading) else {
        return Agreement::Uncertain(Vec::new());
    };
    let head_word = replacement
        .head
        .as_ref()
        .and_then(|head_word| {
            let position = replacement
                .text
                .split(' ')
                .position(|word| word == head_word)?;
            head.split(' ')
                .nth(position)
                .map(|word| crate::text::bare(word).to_string())
        })
        .unwrap_or(head);
    let Some(new_features) = dictionary
        .analyze(&head_word)
        .iter()
        .map(|analysis| features(dictionary, analysis.ud))
        .find(|candidate| {
            feature(candidate, "POS") == Some("NOUN")
                && feature(candidate, "Case") == feature(reading, "Case")
                && feature(candidate, "Number") == Some("Sing")
        })
    else {
        return Agreement::Uncertain(Vec::new());
    };
    let words = found.words;
    let mut edits = Vec::new();
    // Adjectives right before the noun.
    let mut index = found.matched.start;
    while let Some(before) = index.checked_sub(1) {
        let gap = &words.haystack[words.words[before].norm.end..words.words[index].norm.start];
        if gap != "  " || words.words[before].script != Script::Cyrillic {
            break;
        }
        let source = &found.text[words.words[before].src.clone()];
        let agreeing = dictionary.analyze(source).iter().any(|analysis| {
            let modifier = features(dictionary, analysis.ud);
            matches!(feature(&modifier, "POS"), Some("ADJ" | "DET"))
                || (feature(&modifier, "VerbForm") == Some("Part") && agrees(&modifier, reading))
        });
        if !agreeing {
            break;
        }
        let old_agrees = dictionary
            .analyze(source)
            .iter()
            .any(|analysis| agrees(&features(dictionary, analysis.ud), reading));
        if !old_agrees {
            break;
        }
        match inflect::agree(dictionary, &source.to_lowercase(), &new_features) {
            Some(form) => edits.push(Edit {
                span: words.words[before].src.clone(),
                replacement: match_case(source, &form),
            }),
            None => return Agreement::Uncertain(edits),
        }
        index = before;
    }
    let old_gender = |candidate: &Features| {
        feature(candidate, "Number") == Some("Sing") && feature(candidate, "Gender") == Some(old)
    };
    // «который» after the noun («Митинг, на котором…»): its gender follows the noun, its case is
    // its own; a form that reads two ways that change differently («который»: nominative or
    // accusative) leaves the fix to a human.
    let relative = relative_clause(dictionary, found);
    if let Some((at, _)) = &relative {
        let source = &found.text[words.words[*at].src.clone()];
        let mut forms: Vec<String> = Vec::new();
        let clause: Vec<usize> = relative
            .as_ref()
            .map(|(_, clause)| clause.clone().collect())
            .unwrap_or_default();
        let mut analyses: Vec<rumorph::Analysis> = dictionary
            .analyze(source)
            .into_iter()
            .filter(|analysis| {
                normalize_phrase(&analysis.lemma) == "который"
                    && old_gender(&features(dictionary, analysis.ud))
            })
            .collect();
        // «который прошёл вчера»: the subject of its clause.
        if let Some(subject) = analyses
            .iter()
            .map(|analysis| features(dictionary, analysis.ud))
            .find(|reading| feature(reading, "Case") == Some("Nom"))
            && analyses.len() > 1
            && is_subject(dictionary, found, &clause, &subject, true)
        {
            analyses.retain(|analysis| {
                feature(&features(dictionary, analysis.ud), "Case") == Some("Nom")
            });
            // Its predicate follows it, before any preposition: «который начинается с выдачи
            // прав» has one predicate, and «прав» there is a noun, not the short «прав».
            for &index in &clause {
                let word = &found.text[words.words[index].src.clone()];
                if governed(words.normalized(&words.words[index])).is_some() {
                    break;
                }
                let Some(top) = dictionary.analyze(word).into_iter().next() else {
                    continue;
                };
                let reading = features(dictionary, top.ud);
                if gendered_predicate(&reading) && old_gender(&reading) {
                    match in_gender(dictionary, &top, &new) {
                        Some(form) => edits.push(Edit {
                            span: words.words[index].src.clone(),
                            replacement: match_case(word, &form),
                        }),
                        None => return Agreement::Uncertain(edits),
                    }
                }
            }
        }
        for analysis in analyses {
            match in_gender(dictionary, &analysis, &new) {
                Some(form) => {
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                }
                None => return Agreement::Uncertain(edits),
            }
        }
        match forms.as_slice() {
            [] => {}
            [form] => edits.push(Edit {
                span: words.words[*at].src.clone(),
                replacement: match_case(source, form),
            }),
            _ => return Agreement::Uncertain(edits),
        }
    }
    let in_relative = |index: usize| {
        relative
            .as_ref()
            .is_some_and(|(at, clause)| index == *at || clause.contains(&index))
    };
    // The predicate of a subject: a past-tense verb or a short adjective or participle among
    // the nearest words of the sentence outside a relative clause (before the noun too: «нужен
    // фидбек», «прошёл митинг»), a full adjective right after a copula in any form («был
    // важным», «будет коротким», «может быть долгим»).
    if feature(reading, "Case") == Some("Nom") {
        let sentence = words.words[found.matched.start].sentence;
        let before = found.matched.start.saturating_sub(3)..found.matched.start;
        let after = found.matched.end..words.words.len().min(found.matched.end + 8);
        let mut candidates: Vec<(usize, rumorph::Analysis)> = Vec::new();
        let mut after_copula = false;
        for next in before.chain(after) {
            let word = &words.words[next];
            if word.sentence != sentence || word.script != Script::Cyrillic || in_relative(next) {
                after_copula = false;
                continue;
            }
            let source = &found.text[word.src.clone()];
            // A predicate by the word's most probable reading only: «гарантируем» is a verb, not
            // the short participle «гарантируем». A complement after a copula by any reading:
            // «полезным» is also a dative plural.
            let analyses = dictionary.analyze(source);
            let predicate = analyses
                .iter()
                .enumerate()
                .find(|(rank, analysis)| {
                    let candidate = features(dictionary, analysis.ud);
                    let top = *rank == 0;
                    let complement = after_copula
                        && matches!(feature(&candidate, "POS"), Some("ADJ" | "DET" | "VERB"))
                        && matches!(feature(&candidate, "Case"), Some("Nom" | "Ins"));
                    ((top && gendered_predicate(&candidate)) || complement)
                        && old_gender(&candidate)
                })
                .map(|(_, analysis)| analysis);
            after_copula = analyses
                .first()
                .is_some_and(|analysis| is_copula(&analysis.lemma))
                && analyses.first().is_some_and(|analysis| {
                    feature(&features(dictionary, analysis.ud), "POS") == Some("VERB")
                        || feature(&features(dictionary, analysis.ud), "POS") == Some("AUX")
                });
            if let Some(analysis) = predicate {
                candidates.push((next, analysis.clone()));
            }
        }
        // One predicate, or a copula with its complement.
        let certain = match candidates.as_slice() {
            [] | [_] => true,
            [(first, copula), (second, _)] => *second == first + 1 && is_copula(&copula.lemma),
            _ => false,
        };
        for (next, analysis) in &candidates {
            let source = &found.text[words.words[*next].src.clone()];
            match in_gender(dictionary, analysis, &new) {
                Some(form) => edits.push(Edit {
                    span: words.words[*next].src.clone(),
                    replacement: match_case(source, &form),
                }),
                None => return Agreement::Uncertain(edits),
            }
        }
        if !certain {
            return Agreement::Uncertain(edits);
        }
    }
    // What is left must not refer to the noun by its old gender: an adjective with no noun of its
    // own («следующий будет поменьше»), «один» («три бага, один критичный»), a pronoun after it
    // («он», «его»), a predicate of the relative clause, a predicate of a noun in the nominative
    // taken for another case.
    let could_be_subject = feature(reading, "Case") == Some("Nom")
        || (found
            .readings
            .iter()
            .any(|&ud| feature(&features(dictionary, ud), "Case") == Some("Nom"))
            && !has_rival_subject(dictionary, found, reading));
    if refers_back(dictionary, found, reading, old, could_be_subject, &edits) {
        return Agreement::Uncertain(edits);
    }
    if edits.is_empty() {
        Agreement::None
    } else {
        Agreement::Edits(edits)
    }
}

/// The form of «который» that opens a relative clause after the match («Баг, который…»,
/// «Митинг, на котором…») and the other words of that clause, up to its next punctuation.
fn relative_clause(dictionary: &Morphology, found: &Match) -> Option<(usize, Range<usize>)> {
    let words = found.words;
    let mut at = found.matched.end;
    let is_relative = |index: usize| {
        words.words.get(index).is_some_and(|word| {
            word.sentence == words.words[found.matched.start].sentence
                && dictionary
                    .analyze(&found.text[word.src.clone()])
                    .iter()
                    .any(|analysis| normalize_phrase(&analysis.lemma) == "который")
        })
    };
    if !is_relative(at) {
        // After a preposition: «на котором», «о котором».
        let preposition = words.words.get(at)?;
        if at + 1 >= words.words.len()
            || governed(words.normalized(preposition)).is_none()
            || !words.soft_gap(at)
        {
            return None;
        }
        at += 1;
        if !is_relative(at) {
            return None;
        }
    }
    let mut end = at + 1;
    while end < words.words.len() && words.soft_gap(end - 1) {
        end += 1;
    }
    Some((at, at + 1..end))
}

/// Whether a word of the sentence outside the edits may refer to the noun by its old gender
/// `old` (see [`agreement`]).
fn refers_back(
    dictionary: &Morphology,
    found: &Match,
    reading: &Features,
    old: &str,
    could_be_subject: bool,
    edits: &[Edit],
) -> bool {
    let words = found.words;
    let window = words.around(found.matched.start, REFERENCE_RADIUS);
    let edited = |index: usize| {
        let span = &words.words[index].src;
        edits
            .iter()
            .any(|edit| edit.span.start < span.end && span.start < edit.span.end)
    };
    let noun_follows = |index: usize| {
        index + 1 < words.words.len()
            && words.soft_gap(index)
            && dictionary_readings(dictionary, words.normalized(&words.words[index + 1]))
                .iter()
                .any(|next| {
                    feature(next, "POS") == Some("NOUN") || feature(next, "POS") == Some("PROPN")
                })
    };
    let case = feature(reading, "Case");
    (window.start..window.end.max(found.matched.end))
        .filter(|index| !found.matched.contains(index) && !edited(*index))
        .filter(|&index| words.words[index].script == Script::Cyrillic)
        .any(|index| {
            let after = index >= found.matched.end;
            let source = &found.text[words.words[index].src.clone()];
            // An adjective right before the noun behind a quote mark or markup («“Железный”
            // баг»), or a few words before it with a phrase between («с отличным от нас
            // бэкграундом»).
            let right_before = (index + 1 == found.matched.start
                || (index + 4 >= found.matched.start
                    && index < found.matched.start
                    && (index..found.matched.start).all(|gap| words.soft_gap(gap))))
                && words.words[index].sentence == words.words[found.matched.start].sentence;
            if right_before
                && (index + 1 < found.matched.start || !words.soft_gap(index))
                && dictionary.analyze(source).iter().any(|analysis| {
                    let candidate = features(dictionary, analysis.ud);
                    analysis.source == Source::Dictionary
                        && matches!(feature(&candidate, "POS"), Some("ADJ" | "DET"))
                        && agrees(&candidate, reading)
                })
            {
                return true;
            }
            dictionary
                .analyze(source)
                .iter()
                .filter(|analysis| analysis.source == Source::Dictionary)
                .any(|analysis| {
                    let candidate = features(dictionary, analysis.ud);
                    if feature(&candidate, "Number") != Some("Sing")
                        || feature(&candidate, "Gender") != Some(old)
                    {
                        return false;
                    }
                    let lemma = normalize_phrase(&analysis.lemma);
                    let pos = feature(&candidate, "POS");
                    if lemma == "который" || (after && lemma == "он") {
                        return after;
                    }
                    if gendered_predicate(&candidate) {
                        return could_be_subject;
                    }
                    let modifier = matches!(pos, Some("ADJ" | "DET" | "NUM"))
                        || feature(&candidate, "VerbForm") == Some("Part");
                    // An elliptical modifier: after the noun, with no noun of its own, in the
                    // noun's case (or the nominative and instrumental of a complement).
                    // In another clause any case: «три бага, один критичный».
                    let separated =
                        after && (found.matched.end - 1..index).any(|gap| !words.soft_gap(gap));
                    let case_fits = feature(&candidate, "Case") == case
                        || separated
                        || (could_be_subject
                            && matches!(feature(&candidate, "Case"), Some("Nom" | "Ins")));
                    modifier && after && case_fits && !noun_follows(index)
                })
        })
}

/// How far from the match a word may still refer back to it.
const REFERENCE_RADIUS: usize = 20;

/// Whether a reading is a predicate that shows the gender of its subject: a past-tense verb or
/// a short adjective or participle.
fn gendered_predicate(reading: &Features) -> bool {
    (feature(reading, "Tense") == Some("Past") && feature(reading, "VerbForm") == Some("Fin"))
        || feature(reading, "Variant") == Some("Short")
}

/// The word of `analysis` in gender `gender`, when the morphology has that form.
fn in_gender(
    dictionary: &Morphology,
    analysis: &rumorph::Analysis,
    gender: &str,
) -> Option<String> {
    dictionary
        .inflect(analysis, &[("Gender", gender)])
        .filter(|form| feature(&features(dictionary, form.ud), "Gender") == Some(gender))
        .map(|form| form.word)
}

/// Whether a verb links a subject to a complement that agrees with it («был важным»).
fn is_copula(lemma: &str) -> bool {
    matches!(
        normalize_phrase(lemma).as_str(),
        "быть"
            | "стать"
            | "оказаться"
            | "остаться"
            | "казаться"
            | "показаться"
            | "являться"
    )
}

/// The edit of a preposition before the match whose form depends on the next word: «о»/«об»,
/// «с»/«со», «в»/«во», «к»/«ко».
fn preposition(found: &Match, replacement: &str) -> Option<Edit> {
    let before = previous(found)?;
    let word = &found.words.words[before];
    let source = &found.text[word.src.clone()];
    let wanted = preposition_form(&source.to_lowercase(), &replacement.to_lowercase())?;
    if wanted == source.to_lowercase() {
        return None;
    }
    Some(Edit {
        span: word.src.clone(),
        replacement: match_case(source, wanted),
    })
}

/// The form of preposition `preposition` before `next`, when it is one that changes.
fn preposition_form(preposition: &str, next: &str) -> Option<&'static str> {
    let mut letters = next.chars();
    let first = letters.next()?;
    let second = letters.next();
    if matches!(preposition, "о" | "об") {
        return Some(if "аоуэиы".contains(first) {
            "об"
        } else {
            "о"
        });
    }
    // The long form before a cluster that starts with a like sound, and before «мн-».
    let (short, long, like) = match preposition {
        "с" | "со" => ("с", "со", "сзшжщ"),
        "в" | "во" => ("в", "во", "вф"),
        "к" | "ко" => ("к", "ко", "кг"),
        _ => return None,
    };
    let consonant = second.is_some_and(|c| "бвгджзйклмнпрстфхцчшщ".contains(c));
    Some(
        if (like.contains(first) && consonant) || next.starts_with("мн") {
            long
        } else {
            short
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepositions_before_vowels_and_clusters() {
        assert_eq!(preposition_form("о", "обновлении"), Some("об"));
        assert_eq!(preposition_form("об", "встрече"), Some("о"));
        assert_eq!(preposition_form("со", "объемом"), Some("с"));
        assert_eq!(preposition_form("с", "сроком"), Some("со"));
        assert_eq!(preposition_form("со", "сайтом"), Some("с"));
        assert_eq!(preposition_form("с", "встречей"), Some("с"));
        assert_eq!(preposition_form("с", "сводкой"), Some("со"));
        assert_eq!(preposition_form("в", "встрече"), Some("во"));
        assert_eq!(preposition_form("к", "команде"), Some("к"));
        assert_eq!(preposition_form("на", "встрече"), None);
    }

    #[test]
    fn applicability_is_ordered() {
        assert!(Applicability::DisplayOnly < Applicability::Unsafe);
        assert!(Applicability::Unsafe < Applicability::Safe);
    }
}
