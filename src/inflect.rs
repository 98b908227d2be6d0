//! Putting a replacement into the grammatical form of the word it replaces: «фичу» → «функцию»,
//! «заапрувили» → «согласовали», «фидбеком» → «обратной связью» (the head word inflects and the
//! adjectives before it agree), keeping the original's casing.

use rumorph::{Analysis, Source};

use crate::dictionary::{Aspect, Number, Replacement};
use crate::morph::Morphology;
use crate::text::{bare, normalize_phrase};

/// Grammatical features of a reading, as UD name-value pairs.
pub type Features = Vec<(String, String)>;

/// The features of UD tag `ud` in `dictionary`, with its part of speech under the name `POS`.
pub fn features(dictionary: &Morphology, ud: u16) -> Features {
    let Some(tag) = dictionary.ud_tag(ud) else {
        return Vec::new();
    };
    let mut features: Features = tag
        .feats()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    features.push(("POS".into(), tag.pos().into()));
    features
}

pub fn feature<'a>(features: &'a Features, name: &str) -> Option<&'a str> {
    features
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// The features a replacement takes over from the word it replaces: what inflection expresses,
/// not what the lexeme has (gender of a noun, aspect of a verb).
pub fn transferred(original: &Features) -> Vec<(&str, &str)> {
    let names: &[&str] = match feature(original, "POS") {
        Some("NOUN" | "PROPN") => &["Case", "Number"],
        // Animacy decides the accusative of masculine and plural adjectives: «кастомного
        // дизайнера» → «индивидуального».
        Some("ADJ" | "DET") => &["Case", "Number", "Gender", "Animacy", "Variant", "Degree"],
        Some("VERB" | "AUX") => match feature(original, "VerbForm") {
            Some("Part") => &[
                "VerbForm", "Tense", "Voice", "Case", "Number", "Gender", "Animacy", "Variant",
            ],
            Some("Conv") => &["VerbForm", "Tense"],
            Some("Inf") => &["VerbForm"],
            _ => &["VerbForm", "Mood", "Tense", "Person", "Number", "Gender"],
        },
        _ => &[],
    };
    names
        .iter()
        .filter_map(|&name| feature(original, name).map(|value| (name, value)))
        .collect()
}

/// The lexeme of `word` with part of speech `pos` (any when `None`), preferring the word as a
/// lemma: «связь» (noun), «согласовать» (verb).
/// A verb with the aspect `aspect` is preferred: «обрезать» is both perfective and imperfective.
fn lexeme(
    dictionary: &Morphology,
    word: &str,
    pos: Option<&str>,
    aspect: Option<&str>,
) -> Option<Analysis> {
    let normalized = normalize_phrase(word);
    let analyses = dictionary.analyze(word);
    let fits = |analysis: &&Analysis| {
        analysis.source == Source::Dictionary
            && pos.is_none_or(|pos| {
                dictionary
                    .ud_tag(analysis.ud)
                    .is_some_and(|tag| tag.pos() == pos)
            })
    };
    let same_aspect = |analysis: &&Analysis| {
        aspect.is_none_or(|aspect| {
            dictionary
                .ud_tag(analysis.ud)
                .is_none_or(|tag| tag.feat("Aspect").is_none_or(|own| own == aspect))
        })
    };
    let lemma = |analysis: &&Analysis| normalize_phrase(&analysis.lemma) == normalized;
    analyses
        .iter()
        .filter(fits)
        .find(|analysis| lemma(analysis) && same_aspect(analysis))
        .or_else(|| analyses.iter().filter(fits).find(lemma))
        .or_else(|| analyses.iter().find(fits))
        .cloned()
}

/// Whether the word of `analysis` has all `wanted` features.
fn has(dictionary: &Morphology, analysis: &Analysis, wanted: &[(&str, &str)]) -> bool {
    let Some(tag) = dictionary.ud_tag(analysis.ud) else {
        return false;
    };
    wanted.iter().all(|&(name, value)| {
        tag.feat(name) == Some(value) || (name == "Tense" && tag.feat(name).is_none())
    })
}

/// The replacement in the form of a word with features `original`, or `None` when it has no
/// such form or its restrictions exclude it (number, aspect).
pub fn inflect(
    dictionary: &Morphology,
    replacement: &Replacement,
    original: &Features,
) -> Option<String> {
    let restricted = |restriction: Option<&str>, name: &str| matches!((restriction, feature(original, name)), (Some(wanted), Some(value)) if value != wanted);
    if restricted(replacement.number.map(Number::ud), "Number")
        || restricted(replacement.aspect.map(Aspect::ud), "Aspect")
    {
        return None;
    }
    let words: Vec<&str> = replacement.text.split(' ').collect();
    let head = match &replacement.head {
        Some(head) => words.iter().position(|word| bare(word) == head)?,
        None if words.len() == 1 => 0,
        // A phrase without a head word is used as written.
        None => return Some(replacement.text.clone()),
    };
    let wanted = transferred(original);
    if wanted.is_empty() {
        return Some(replacement.text.clone());
    }
    let pos = feature(original, "POS").filter(|pos| *pos != "PROPN");
    let aspect = feature(original, "Aspect");
    let head_lexeme = lexeme(dictionary, bare(words[head]), pos, aspect)
        .or_else(|| lexeme(dictionary, bare(words[head]), None, aspect))?;
    let inflected = dictionary.inflect(&head_lexeme, &wanted)?;
    if !has(dictionary, &inflected, &wanted) {
        return None;
    }
    let head_features = features(dictionary, inflected.ud);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (index, word) in words.iter().enumerate() {
        if index == head {
            // Punctuation after the head stays: «лицо, принимающее решение».
            out.push(format!("{}{}", inflected.word, &word[bare(word).len()..]));
        } else if index < head && feature(&head_features, "POS") == Some("NOUN") {
            // Adjectives before a noun agree with it; anything else (an adverb before a verb:
            // «жёстко задать») stays as written.
            out.push(agree(dictionary, word, &head_features).unwrap_or_else(|| word.to_string()));
        } else {
            out.push(word.to_string());
        }
    }
    Some(out.join(" "))
}

/// An adjective (or participle, or determiner) before a noun, in agreement with the noun's
/// features; `None` when the word is not such a modifier.
pub fn agree(dictionary: &Morphology, word: &str, noun: &Features) -> Option<String> {
    // Only a full (attributive) form agrees in case: «обратная», not the short «жёстко».
    let modifier = dictionary.analyze(word).into_iter().find(|analysis| {
        analysis.source == Source::Dictionary
            && dictionary.ud_tag(analysis.ud).is_some_and(|tag| {
                (matches!(tag.pos(), "ADJ" | "DET")
                    || (tag.pos() == "VERB" && tag.feat("VerbForm") == Some("Part")))
                    && tag.feat("Case").is_some()
            })
    })?;
    let mut wanted: Vec<(&str, &str)> = ["Case", "Number"]
        .iter()
        .filter_map(|&name| feature(noun, name).map(|value| (name, value)))
        .collect();
    if feature(noun, "Number") == Some("Sing")
        && let Some(gender) = feature(noun, "Gender")
    {
        wanted.push(("Gender", gender));
    }
    if feature(noun, "Case") == Some("Acc")
        && let Some(animacy) = feature(noun, "Animacy")
    {
        let mut animate = wanted.clone();
        animate.push(("Animacy", animacy));
        if let Some(form) = dictionary.inflect(&modifier, &animate)
            && has(dictionary, &form, &animate)
        {
            return Some(form.word);
        }
    }
    let form = dictionary.inflect(&modifier, &wanted)?;
    has(dictionary, &form, &wanted).then_some(form.word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::match_case;

    fn reading(dictionary: &Morphology, word: &str, index: usize) -> Features {
        let analyses = dictionary.analyze(word);
        features(dictionary, analyses[index].ud)
    }

    fn plain(text: &str) -> Replacement {
        Replacement {
            text: text.into(),
            head: None,
            number: None,
            aspect: None,
            near: Vec::new(),
        }
    }

    #[test]
    fn nouns_verbs_and_phrases_take_the_form_of_the_original() {
        let dictionary = Morphology::new(crate::morph::bundled().unwrap(), &[]).0;
        let fichu = reading(&dictionary, "фичу", 0);
        assert_eq!(
            inflect(&dictionary, &plain("функция"), &fichu).as_deref(),
            Some("функцию")
        );
        let feedback = reading(&dictionary, "фидбеком", 0);
        let phrase = Replacement {
            head: Some("связь".into()),
            ..plain("обратная связь")
        };
        assert_eq!(
            inflect(&dictionary, &phrase, &feedback).as_deref(),
            Some("обратной связью")
        );
        let meeting = reading(&dictionary, "митинге", 0);
        assert_eq!(
            inflect(&dictionary, &plain("встреча"), &meeting).as_deref(),
            Some("встрече")
        );
        let sales = Replacement {
            head: Some("менеджер".into()),
            ..plain("менеджер по продажам")
        };
        let seilzov = reading(&dictionary, "сейлзов", 0);
        assert_eq!(
            inflect(&dictionary, &sales, &seilzov).as_deref(),
            Some("менеджеров по продажам")
        );
    }

    #[test]
    fn restrictions_exclude_forms() {
        let dictionary = Morphology::new(crate::morph::bundled().unwrap(), &[]).0;
        let plural = reading(&dictionary, "фидбеки", 0);
        let singular_only = Replacement {
            head: Some("связь".into()),
            number: Some(Number::Sing),
            ..plain("обратная связь")
        };
        assert_eq!(inflect(&dictionary, &singular_only, &plural), None);
    }

    #[test]
    fn casing_follows_the_original() {
        assert_eq!(match_case("Фичу", "функцию"), "Функцию");
        assert_eq!(match_case("ФИЧУ", "функцию"), "ФУНКЦИЮ");
        assert_eq!(match_case("фичу", "функцию"), "функцию");
        assert_eq!(match_case("Фичу", "обратной связью"), "Обратной связью");
    }
}
