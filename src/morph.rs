//! Russian morphology through rumorph: every form of every term, with its grammatical readings,
//! and collisions — forms that the morphology dictionary also knows as forms of another word.
//!
//! Words the bundled OpenCorpora dictionary does not know («роадмап», «заапрувить») inflect by
//! the sample word of their entry (`like`); a hyphenated word whose last part is known inflects
//! like that part («продакт-менеджер» like «менеджер»). Latin-script, invariable and multi-word
//! terms are matched as written.

use std::collections::{BTreeMap, HashSet};

use rumorph::{Analysis, Dictionary, Source};

use crate::dictionary::{Category, Term, normalize_phrase};

/// One spelling of a term with the grammatical readings it has (UD tag numbers of
/// [`Morphology::dictionary`]; empty for words matched as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedForm {
    pub text: String,
    pub readings: Vec<u16>,
}

/// A reading of a form as another word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collision {
    pub lemma: String,
    pub pos: String,
    pub feats: String,
}

impl Collision {
    pub fn is_proper_name(&self) -> bool {
        self.pos == "PROPN"
    }
}

pub struct Morphology {
    /// The bundled dictionary as shipped: the reference for collisions.
    base: Dictionary,
    /// The bundled dictionary with the terms' own words added.
    dictionary: Dictionary,
    /// Normalized lemmas and variants of the terms that are flagged: a form shared with one of
    /// them is not a collision («деплои» of «деплой» and of «деплоить»).
    flagged: HashSet<String>,
}

/// Loads the bundled morphology dictionary.
pub fn bundled() -> Result<Dictionary, String> {
    Dictionary::bundled()
        .map_err(|error| format!("не удалось загрузить морфологический словарь: {error}"))
}

impl Morphology {
    /// Adds the words of `terms` that the dictionary does not know, inflected by their samples.
    /// Returns the morphology and, for each term that could not be added, its index, why, and
    /// whether the fault is its `like` sample.
    pub fn new(base: Dictionary, terms: &[Term]) -> (Self, Vec<(usize, String, bool)>) {
        let mut problems = Vec::new();
        // (term index, word, sample, part of speech), lemmas before their variants.
        let mut own: Vec<(usize, &str, String, &str)> = Vec::new();
        for (index, term) in terms.iter().enumerate() {
            let Some(ud) = term.pos.ud().filter(|_| inflects(term)) else {
                continue;
            };
            for spelling in term.spellings() {
                if known_lexeme(&base, spelling, ud).is_some() {
                    continue;
                }
                let sample = match (&term.like, spelling == term.lemma) {
                    (Some(like), _) => like.clone(),
                    // A variant spelling inflects like the lemma, which is added before it.
                    (None, false) => term.lemma.clone(),
                    (None, true) => match hyphen_sample(&base, spelling, ud) {
                        Some(sample) => sample,
                        None => {
                            problems.push((
                                index,
                                format!(
                                    "морфологический словарь не знает «{spelling}» ({}): укажите like = \"…\" — известное слово, которое изменяется так же, — или invariable = true",
                                    term.pos.as_str()
                                ),
                                false,
                            ));
                            continue;
                        }
                    },
                };
                own.push((index, spelling, sample, ud));
            }
        }
        // All words at once; when some word does not fit its sample, word by word to name it.
        let all = own
            .iter()
            .map(|(_, word, sample, ud)| (*word, (sample.as_str(), *ud)));
        let dictionary = match base.clone().with_words(all) {
            Ok(dictionary) => dictionary,
            Err(_) => {
                let mut dictionary = base.clone();
                for (index, word, sample, ud) in &own {
                    match dictionary.clone().with_words([(*word, (sample.as_str(), *ud))]) {
                        Ok(extended) => dictionary = extended,
                        Err(error) => problems.push((
                            *index,
                            format!("«{word}» не изменяется по образцу «{sample}»: {error}; выберите другой like"),
                            true,
                        )),
                    }
                }
                dictionary
            }
        };
        let flagged = terms
            .iter()
            .filter(|term| term.category != Category::Allowed)
            .flat_map(|term| term.spellings().map(normalize_phrase))
            .collect();
        (
            Morphology {
                base,
                dictionary,
                flagged,
            },
            problems,
        )
    }

    /// The dictionary with the terms' own words: UD tag numbers of readings refer to it.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// Every form of a term, normalized, with readings; sorted by text. Forms listed in
    /// `exclude-forms` are left out.
    pub fn forms(&self, term: &Term) -> Vec<GeneratedForm> {
        let mut forms: BTreeMap<String, Vec<u16>> = BTreeMap::new();
        let ud = term.pos.ud().filter(|_| inflects(term));
        for spelling in term.spellings() {
            let lexemes = ud
                .map(|ud| lexemes(&self.dictionary, spelling, ud))
                .unwrap_or_default();
            if lexemes.is_empty() {
                forms.entry(normalize_phrase(spelling)).or_default();
            }
            for lexeme in lexemes {
                for form in self.dictionary.forms(&lexeme) {
                    let readings = forms.entry(normalize_phrase(&form.word)).or_default();
                    if !readings.contains(&form.ud) {
                        readings.push(form.ud);
                    }
                }
            }
        }
        for extra in &term.extra_forms {
            forms.entry(extra.clone()).or_default();
        }
        forms
            .into_iter()
            .filter(|(text, _)| !term.exclude_forms.contains(text))
            .map(|(text, readings)| GeneratedForm { text, readings })
            .collect()
    }

    /// Readings of `form` as words other than `term` and the other flagged terms, from the
    /// dictionary as shipped.
    pub fn collisions(&self, term: &Term, form: &str) -> Vec<Collision> {
        if form.contains(' ') {
            return Vec::new();
        }
        let own: Vec<String> = term.spellings().map(normalize_phrase).collect();
        let mut collisions: Vec<Collision> = Vec::new();
        for analysis in self.base.analyze(form) {
            let lemma = normalize_phrase(&analysis.lemma);
            if analysis.source != Source::Dictionary
                || own.contains(&lemma)
                || self.flagged.contains(&lemma)
            {
                continue;
            }
            let Some(tag) = self.base.ud_tag(analysis.ud) else {
                continue;
            };
            let collision = Collision {
                lemma: analysis.lemma,
                pos: tag.pos().to_string(),
                feats: tag.feats_string(),
            };
            if !collisions.contains(&collision) {
                collisions.push(collision);
            }
        }
        collisions
    }

    /// Whether the dictionary as shipped knows a word.
    pub fn is_known(&self, word: &str) -> bool {
        self.base.is_known(word)
    }
}

/// Whether a term's forms come from the morphology (rather than being matched as written).
fn inflects(term: &Term) -> bool {
    !term.invariable && !term.is_latin() && !term.lemma.contains(' ') && term.pos.ud().is_some()
}

/// The lexemes of `word` as a lemma of part of speech `ud`.
fn lexemes(dictionary: &Dictionary, word: &str, ud: &str) -> Vec<Analysis> {
    let lemma = normalize_phrase(word);
    let mut found: Vec<Analysis> = Vec::new();
    for analysis in dictionary.analyze(word) {
        if analysis.source != Source::Dictionary || normalize_phrase(&analysis.lemma) != lemma {
            continue;
        }
        if dictionary.ud_tag(analysis.ud).map(|tag| tag.pos()) != Some(ud) {
            continue;
        }
        let entry = analysis.entry.map(|entry| entry.table);
        if !found
            .iter()
            .any(|known| known.entry.map(|entry| entry.table) == entry)
        {
            found.push(analysis);
        }
    }
    found
}

fn known_lexeme(dictionary: &Dictionary, word: &str, ud: &str) -> Option<Analysis> {
    lexemes(dictionary, word, ud).into_iter().next()
}

/// For a hyphenated word, its last part when the dictionary knows it as a lemma.
fn hyphen_sample(dictionary: &Dictionary, word: &str, ud: &str) -> Option<String> {
    let (_, last) = word.rsplit_once('-')?;
    known_lexeme(dictionary, last, ud).map(|_| last.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::parse;

    fn term(entry: &str) -> Term {
        let source = format!(
            "[[term]]\norigin = \"x\"\ncategory = \"jargon\"\nreplacements = [\"слово\"]\nnote = \"x\"\n{entry}"
        );
        parse("test.toml", &source).unwrap().remove(0)
    }

    fn texts(forms: &[GeneratedForm]) -> Vec<&str> {
        forms.iter().map(|form| form.text.as_str()).collect()
    }

    #[test]
    fn generates_forms_of_known_and_sampled_words() {
        let terms = vec![
            term("lemma = \"фича\"\npos = \"noun\""),
            term("lemma = \"заапрувить\"\npos = \"verb\"\nlike = \"приготовить\""),
            term("lemma = \"продакт-менеджер\"\npos = \"noun\""),
            term("lemma = \"фидбек\"\nvariants = [\"фидбэк\"]\npos = \"noun\""),
            term("lemma = \"KPI\"\npos = \"abbreviation\""),
        ];
        let (morph, problems) = Morphology::new(bundled().unwrap(), &terms);
        assert!(problems.is_empty(), "{problems:?}");
        let forms = morph.forms(&terms[0]);
        for form in ["фича", "фичу", "фичами", "фичей"] {
            assert!(texts(&forms).contains(&form), "{form}");
        }
        let verb = morph.forms(&terms[1]);
        for form in ["заапрувили", "заапрувлю", "заапрувленный", "заапрувив"]
        {
            assert!(texts(&verb).contains(&form), "{form}");
        }
        assert!(texts(&morph.forms(&terms[2])).contains(&"продакт-менеджеры"));
        let feedback = morph.forms(&terms[3]);
        assert!(texts(&feedback).contains(&"фидбэком"));
        assert!(texts(&feedback).contains(&"фидбеки"));
        assert_eq!(texts(&morph.forms(&terms[4])), vec!["kpi"]);
        // «фичи» has several readings: genitive singular, nominative and accusative plural.
        let fichi = forms.iter().find(|form| form.text == "фичи").unwrap();
        assert!(fichi.readings.len() >= 3, "{fichi:?}");
    }

    #[test]
    fn unknown_word_without_sample_is_a_problem() {
        let terms = vec![term("lemma = \"роадмап\"\npos = \"noun\"")];
        let (_, problems) = Morphology::new(bundled().unwrap(), &terms);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].1.contains("like"), "{problems:?}");
    }

    #[test]
    fn finds_collisions_with_other_words() {
        let terms = vec![term("lemma = \"лид\"\npos = \"noun\"")];
        let (morph, _) = Morphology::new(bundled().unwrap(), &terms);
        let collisions = morph.collisions(&terms[0], "лида");
        assert!(
            collisions
                .iter()
                .any(|c| c.lemma == "лида" && c.is_proper_name())
        );
        assert!(
            morph
                .collisions(&terms[0], "лидами")
                .iter()
                .all(|c| c.lemma != "лид")
        );
    }
}
