//! Russian morphology through rumorph: every form of every term, with its grammatical readings,
//! and collisions — forms that the morphology dictionary also knows as forms of another word.
//!
//! Words the bundled OpenCorpora dictionary does not know («роадмап», «заапрувить») inflect by
//! the sample word of their entry (`like`); a hyphenated word whose last part is known inflects
//! like that part («продакт-менеджер» like «менеджер»). Latin-script, invariable and multi-word
//! terms are matched as written.
//!
//! Adding ~1,000 own words to rumorph takes ~50 ms, most of a run on one small file. With the
//! built-in dictionaries they are added lazily: words that share a spelling or a sample form a
//! group, and a group is added the first time a word spelled like one of its forms is analysed.
//! A word's analyses depend only on the own words with its spelling, so they are the same as with
//! every own word added, whatever was added before.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use fst::raw::Fst;
use rumorph::{Analysis, Dictionary, Source, UdTag};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Category;
use crate::dictionary::{DictionaryError, Term};
use crate::text::normalize_phrase;

/// One spelling of a term with the grammatical readings it has (UD tag numbers of
/// [`Morphology::dictionary`]; empty for words matched as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedForm {
    pub text: String,
    pub readings: Vec<u16>,
}

/// Every matchable form with the terms it is a form of, sorted by text. Two terms share a form
/// when their paradigms meet («деплои»: the plural of «деплой» and the imperative of «деплоить»).
///
/// Flat arrays rather than a string and two vectors per form: the built-in table is decoded at
/// every start, and ~80,000 allocations took longer than everything else in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormTable {
    /// Normalized texts of the forms, concatenated.
    texts: String,
    /// Where each form's text ends in `texts`.
    text_ends: Vec<u32>,
    /// Where each form's owners end in `owners`.
    owner_ends: Vec<u32>,
    /// The term of each owner: its index in the list of terms.
    owners: Vec<u32>,
    /// Where each owner's readings end in `readings`.
    reading_ends: Vec<u32>,
    /// UD tag numbers in the morphology dictionary.
    readings: Vec<u16>,
}

/// A matchable form: its text and the terms it is a form of.
#[derive(Clone, Copy, Debug)]
pub struct Form<'a> {
    /// Normalized text.
    pub text: &'a str,
    table: &'a FormTable,
    /// Indices in `table.owners`.
    owners: (usize, usize),
}

/// A term that has a form, with the form's readings as that term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner<'a> {
    /// Index of the term in the list of terms.
    pub term: usize,
    /// UD tag numbers of the form's readings in the morphology dictionary.
    pub readings: &'a [u16],
}

impl FormTable {
    pub fn len(&self) -> usize {
        self.text_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text_ends.is_empty()
    }

    /// Form number `index`; it must be less than [`FormTable::len`].
    pub fn get(&self, index: usize) -> Form<'_> {
        let owners = span(&self.owner_ends, index);
        Form {
            text: &self.texts[span(&self.text_ends, index)],
            table: self,
            owners: (owners.start, owners.end),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Form<'_>> {
        (0..self.len()).map(|index| self.get(index))
    }

    /// The form with normalized text `text`.
    pub fn find(&self, text: &str) -> Option<Form<'_>> {
        let index = partition(self.len(), |index| self.get(index).text < text);
        // A text after every form has no form to compare with.
        (index < self.len())
            .then(|| self.get(index))
            .filter(|form| form.text == text)
    }

    /// Adds a form after the others; forms come sorted by text.
    fn push(&mut self, text: &str, owners: &[(usize, Vec<u16>)]) {
        self.texts.push_str(text);
        self.text_ends.push(self.texts.len() as u32);
        for (term, readings) in owners {
            self.owners.push(*term as u32);
            self.readings.extend(readings);
            self.reading_ends.push(self.readings.len() as u32);
        }
        self.owner_ends.push(self.owners.len() as u32);
    }
}

impl<'a> Form<'a> {
    pub fn owners(self) -> impl Iterator<Item = Owner<'a>> {
        let table = self.table;
        (self.owners.0..self.owners.1).map(move |index| Owner {
            term: table.owners[index] as usize,
            readings: &table.readings[span(&table.reading_ends, index)],
        })
    }
}

/// Item `index` of a flat array whose items end at `ends`.
fn span(ends: &[u32], index: usize) -> std::ops::Range<usize> {
    let start = match index {
        0 => 0,
        _ => ends[index - 1] as usize,
    };
    start..ends[index] as usize
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

/// A word the bundled dictionary does not know, inflected like its sample.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnWord {
    pub word: String,
    pub sample: String,
    /// Universal Dependencies part of speech.
    pub pos: String,
}

/// The terms' own words, and which of them to add for a word about to be analysed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnWords {
    /// In the order they are added: a sample before the words that follow it.
    words: Vec<OwnWord>,
    /// The group of each word: words that share a spelling or a sample are added together.
    group: Vec<u32>,
    /// An FST from the coarse key ([`coarse_key`]) of every spelling of every own word to its
    /// group; empty when every word is added from the start.
    index: Vec<u8>,
}

impl OwnWords {
    fn groups(&self) -> usize {
        self.group
            .iter()
            .map(|&group| group as usize + 1)
            .max()
            .unwrap_or(0)
    }
}

/// Adds to `found` the groups with a key that is `key` or one of its endings.
fn groups_ending(index: &Fst<Vec<u8>>, key: &str, found: &mut Vec<u32>) {
    for (start, _) in key.char_indices() {
        if let Some(group) = index.get(&key[start..]) {
            found.push(group.value() as u32);
        }
    }
}

/// The first index in `0..count` for which `before` is false (`before` is true, then false).
fn partition(count: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, count);
    while low < high {
        let middle = low + (high - low) / 2;
        if before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

/// A word reduced so that every two words rumorph looks up as the same key share it (and some
/// others too): lower case, «ё» as «е», «й» as «и», Latin letters that look Cyrillic as
/// Cyrillic, no stress marks, soft hyphens or joiners.
pub fn coarse_key(word: &str) -> String {
    const LATIN: &str = "abcehkmoptxy";
    const CYRILLIC: &str = "авсенкмортху";
    let mut key = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ё' | 'ѐ' => 'е',
            'й' | 'ѝ' => 'и',
            '\u{2010}' | '\u{2011}' => '-',
            '\u{300}'..='\u{36F}' | '\u{AD}' | '\u{2060}' | '\u{FEFF}' => continue,
            _ => match LATIN.find(c) {
                Some(index) => CYRILLIC.chars().nth(index).unwrap_or(c),
                None => c,
            },
        };
        key.push(c);
    }
    key
}

/// The coarse keys whose endings rumorph may look up to analyse `word`: the word, each part of a
/// hyphenated word and each run of parts («бизнес-коллы», «кто-то»), and the word with a
/// stretched letter said once («та-а-ак»). Endings: a word analysed without a prefix
/// («суперфичи»).
fn lookups(word: &str) -> Vec<String> {
    let key = coarse_key(word);
    let mut runs: Vec<&str> = Vec::new();
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(key.match_indices('-').map(|(at, _)| at + 1))
        .collect();
    let ends: Vec<usize> = key
        .match_indices('-')
        .map(|(at, _)| at)
        .chain(std::iter::once(key.len()))
        .collect();
    for &start in &bounds {
        for &end in ends.iter().filter(|&&end| end >= start) {
            runs.push(&key[start..end]);
        }
    }
    let mut stretched = String::new();
    for part in key.split('-') {
        let last = stretched.chars().last();
        stretched.push_str(part.trim_start_matches(|c| Some(c) == last));
    }
    let mut found: Vec<String> = runs.into_iter().map(str::to_string).collect();
    found.push(stretched);
    found.sort_unstable();
    found.dedup();
    found
}

/// The dictionary with the own words added so far.
struct Extension {
    dictionary: Arc<Dictionary>,
    /// Per group of [`OwnWords`].
    added: Vec<bool>,
    /// How many times groups were added.
    additions: usize,
    /// Whether every group is added.
    complete: bool,
}

/// After this many additions the rest of the own words are added at once: each addition copies
/// the dictionary's own words, and a run over a whole docs tree would meet most groups anyway.
const LAZY_ADDITIONS: usize = 32;

pub struct Morphology {
    /// The bundled dictionary as shipped: the reference for collisions.
    base: Dictionary,
    own: OwnWords,
    /// [`OwnWords::index`], taken out of `own` and read.
    index: Option<Fst<Vec<u8>>>,
    /// After how many additions the rest is added at once ([`LAZY_ADDITIONS`]).
    lazy_additions: std::sync::atomic::AtomicUsize,
    extension: Mutex<Extension>,
    /// Normalized lemmas and variants of the terms that are flagged: a form shared with one of
    /// them is not a collision («деплои» of «деплой» and of «деплоить»).
    flagged: HashSet<String>,
}

/// Loads the bundled morphology dictionary.
pub fn bundled() -> Result<Dictionary, String> {
    Dictionary::bundled()
        .map_err(|error| format!("не удалось загрузить морфологический словарь: {error}"))
}

/// Normalized lemmas and variants of the terms that are flagged.
fn flagged(terms: &[Term]) -> HashSet<String> {
    terms
        .iter()
        .filter(|term| term.category != Category::Allowed)
        .flat_map(|term| term.spellings().map(normalize_phrase))
        .collect()
}

impl Morphology {
    /// Adds the words of `terms` that the dictionary does not know, inflected by their samples,
    /// all at once. Returns the morphology and, for each term that could not be added, its index,
    /// why, and whether the fault is its `like` sample.
    pub fn new(base: Dictionary, terms: &[Term]) -> (Self, Vec<(usize, String, bool)>) {
        let mut problems = Vec::new();
        // (term index, own word), lemmas before their variants.
        let mut own: Vec<(usize, OwnWord)> = Vec::new();
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
                own.push((
                    index,
                    OwnWord {
                        word: spelling.to_string(),
                        sample,
                        pos: ud.to_string(),
                    },
                ));
            }
        }
        // All words at once; when some word does not fit its sample, word by word to name it.
        let dictionary = match base
            .clone()
            .with_words(own.iter().map(|(_, own)| own.pair()))
        {
            Ok(dictionary) => dictionary,
            Err(_) => {
                let mut dictionary = base.clone();
                let mut fitting = Vec::new();
                for (index, word) in own {
                    match dictionary.clone().with_words([word.pair()]) {
                        Ok(extended) => {
                            dictionary = extended;
                            fitting.push((index, word));
                        }
                        Err(error) => problems.push((
                            index,
                            format!(
                                "«{}» не изменяется по образцу «{}»: {error}; выберите другой like",
                                word.word, word.sample
                            ),
                            true,
                        )),
                    }
                }
                own = fitting;
                dictionary
            }
        };
        let words: Vec<OwnWord> = own.into_iter().map(|(_, word)| word).collect();
        // Everything is added: one group.
        let own = OwnWords {
            group: vec![0; words.len()],
            words,
            ..OwnWords::default()
        };
        let morphology = Morphology {
            extension: Mutex::new(Extension {
                dictionary: Arc::new(dictionary),
                added: vec![true; own.groups()],
                additions: 0,
                complete: true,
            }),
            base,
            own,
            index: None,
            lazy_additions: LAZY_ADDITIONS.into(),
            flagged: flagged(terms),
        };
        (morphology, problems)
    }

    /// A morphology whose own words (from [`Morphology::indexed_own_words`] of a morphology of
    /// the same terms) are added when they are first needed.
    pub fn lazy(base: Dictionary, terms: &[Term], mut own: OwnWords) -> Self {
        // A damaged index adds every word at once: slower, the same readings.
        let index = Fst::new(std::mem::take(&mut own.index)).ok();
        Morphology {
            extension: Mutex::new(Extension {
                dictionary: Arc::new(base.clone()),
                added: vec![false; own.groups()],
                additions: 0,
                complete: own.groups() == 0,
            }),
            base,
            own,
            index,
            lazy_additions: LAZY_ADDITIONS.into(),
            flagged: flagged(terms),
        }
    }

    /// The own words grouped and indexed by the coarse keys of all their forms, for
    /// [`Morphology::lazy`].
    pub fn indexed_own_words(&self) -> OwnWords {
        let full = self.full();
        let words = self.own.words.clone();
        // Union-find over words that share a key or where one is the other's sample.
        let mut parent: Vec<usize> = (0..words.len()).collect();
        fn root(parent: &mut [usize], mut at: usize) -> usize {
            while parent[at] != at {
                parent[at] = parent[parent[at]];
                at = parent[at];
            }
            at
        }
        fn union(parent: &mut [usize], a: usize, b: usize) {
            let (a, b) = (root(parent, a), root(parent, b));
            parent[a.max(b)] = a.min(b);
        }
        let mut keys: Vec<(String, usize)> = Vec::new();
        let mut first_with_key: HashMap<String, usize> = HashMap::new();
        for (index, own) in words.iter().enumerate() {
            let mut spellings = vec![own.word.clone()];
            for lexeme in lexemes(&full, &own.word, &own.pos) {
                spellings.extend(full.forms(&lexeme).into_iter().map(|form| form.word));
            }
            for spelling in spellings {
                let key = coarse_key(&spelling);
                match first_with_key.get(&key) {
                    Some(&other) => union(&mut parent, index, other),
                    None => {
                        first_with_key.insert(key.clone(), index);
                    }
                }
                keys.push((key, index));
            }
        }
        for (index, own) in words.iter().enumerate() {
            if let Some(&sample) = first_with_key.get(&coarse_key(&own.sample)) {
                union(&mut parent, index, sample);
            }
        }
        // Groups numbered in the order of their first words.
        let mut number: HashMap<usize, u32> = HashMap::new();
        let mut group = Vec::with_capacity(words.len());
        for index in 0..words.len() {
            let top = root(&mut parent, index);
            let next = number.len() as u32;
            group.push(*number.entry(top).or_insert(next));
        }
        let mut keyed: Vec<(String, u32)> = keys
            .into_iter()
            .map(|(key, index)| (key, group[index]))
            .collect();
        keyed.sort_unstable();
        // Words with one key are in one group.
        keyed.dedup_by(|a, b| a.0 == b.0);
        let mut builder = fst::MapBuilder::memory();
        for (key, group) in keyed {
            // Sorted and unique: the builder takes them.
            let _ = builder.insert(key, u64::from(group));
        }
        OwnWords {
            words,
            group,
            index: builder.into_inner().unwrap_or_default(),
        }
    }

    /// The dictionary with the own words that `words` may be forms of, or their parts (and
    /// perhaps more).
    fn extended(&self, words: &[&str]) -> Arc<Dictionary> {
        // Without an index (every word added at the start, or a damaged one), all of them.
        let Some(index) = &self.index else {
            return self.full();
        };
        {
            let extension = self.extension();
            if extension.complete {
                return Arc::clone(&extension.dictionary);
            }
        }
        let mut needed = Vec::new();
        for word in words {
            for key in lookups(word) {
                groups_ending(index, &key, &mut needed);
            }
        }
        self.with_groups(needed)
    }

    /// The dictionary with every own word.
    fn full(&self) -> Arc<Dictionary> {
        self.with_groups((0..self.own.groups() as u32).collect())
    }

    fn with_groups(&self, mut needed: Vec<u32>) -> Arc<Dictionary> {
        let mut extension = self.extension();
        needed.retain(|&group| !extension.added[group as usize]);
        if needed.is_empty() {
            return Arc::clone(&extension.dictionary);
        }
        extension.additions += 1;
        let limit = self
            .lazy_additions
            .load(std::sync::atomic::Ordering::Relaxed);
        if extension.additions > limit {
            needed = (0..extension.added.len() as u32).collect();
            needed.retain(|&group| !extension.added[group as usize]);
        }
        let mut wanted = vec![false; extension.added.len()];
        for &group in &needed {
            wanted[group as usize] = true;
        }
        let batch = self
            .own
            .words
            .iter()
            .zip(&self.own.group)
            .filter(|(_, group)| wanted[**group as usize])
            .map(|(word, _)| word.pair());
        // The words were checked when the tables were built: they fit their samples. Should one
        // not, the group stays out, and its words are analysed as unknown ones.
        if let Ok(dictionary) = (*extension.dictionary).clone().with_words(batch) {
            extension.dictionary = Arc::new(dictionary);
        }
        for group in needed {
            extension.added[group as usize] = true;
        }
        extension.complete = extension.added.iter().all(|&added| added);
        Arc::clone(&extension.dictionary)
    }

    /// Sets after how many additions of own words the rest is added at once: tests check the
    /// lazy additions alone with `usize::MAX`.
    pub fn set_lazy_additions(&self, limit: usize) {
        self.lazy_additions
            .store(limit, std::sync::atomic::Ordering::Relaxed);
    }

    fn extension(&self) -> std::sync::MutexGuard<'_, Extension> {
        self.extension
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Readings of a word, as rumorph's `analyze` with every own word.
    pub fn analyze(&self, word: &str) -> Vec<Analysis> {
        self.extended(&[word]).analyze(word)
    }

    /// Readings of every word of a sentence in context, as rumorph's `analyze_sentence`.
    pub fn analyze_sentence<S: AsRef<str>>(
        &self,
        words: &[S],
    ) -> Result<Vec<Vec<Analysis>>, rumorph::Error> {
        let plain: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
        self.extended(&plain).analyze_sentence(&plain)
    }

    /// The form of an analysed word with features `feats`, as rumorph's `inflect`.
    pub fn inflect(&self, analysis: &Analysis, feats: &[(&str, &str)]) -> Option<Analysis> {
        // Inflection goes by the analysis's table; own words only matter to lookups.
        self.base.inflect(analysis, feats)
    }

    /// A UD tag by number: the same numbers with and without own words.
    pub fn ud_tag(&self, number: u16) -> Option<UdTag<'_>> {
        self.base.ud_tag(number)
    }

    /// Every form of a term's written spellings, normalized, with readings; sorted by text. Forms
    /// listed in `exclude-forms` are left out.
    pub fn forms(&self, term: &Term) -> Vec<GeneratedForm> {
        let mut forms = self.spelling_forms(term, term.written_spellings());
        for extra in &term.extra_forms {
            forms.entry(extra.clone()).or_default();
        }
        forms
            .into_iter()
            .filter(|(text, _)| !term.exclude_forms.contains(text))
            .map(|(text, readings)| GeneratedForm { text, readings })
            .collect()
    }

    /// The forms of some spellings of a term, normalized, with readings.
    fn spelling_forms<'a>(
        &self,
        term: &Term,
        spellings: impl Iterator<Item = &'a str>,
    ) -> BTreeMap<String, Vec<u16>> {
        let dictionary = self.full();
        let mut forms: BTreeMap<String, Vec<u16>> = BTreeMap::new();
        let ud = term.pos.ud().filter(|_| inflects(term));
        for spelling in spellings {
            let lexemes = ud
                .map(|ud| lexemes(&dictionary, spelling, ud))
                .unwrap_or_default();
            if lexemes.is_empty() {
                forms.entry(normalize_phrase(spelling)).or_default();
            }
            for lexeme in lexemes {
                for form in dictionary.forms(&lexeme) {
                    let readings = forms.entry(normalize_phrase(&form.word)).or_default();
                    if !readings.contains(&form.ud) {
                        readings.push(form.ud);
                    }
                }
            }
        }
        forms
    }

    /// Every matchable form of `terms` (allowed words included: a team may deny them), sorted by
    /// text, with the terms that have it. Two terms with one lemma are an error.
    ///
    /// Forms of generated spellings come last and only where they are safe: no form of a written
    /// spelling of any term, no form of another word of the morphology dictionary, not shared by
    /// two terms. Each term learns which of its forms are generated only.
    pub fn table(&self, terms: &mut [Term]) -> Result<FormTable, Vec<DictionaryError>> {
        let mut errors = Vec::new();
        let mut forms: BTreeMap<String, Vec<(usize, Vec<u16>)>> = BTreeMap::new();
        let mut generated: BTreeMap<String, Vec<(usize, Vec<u16>)>> = BTreeMap::new();
        let mut lemmas: HashMap<String, usize> = HashMap::new();
        for (index, term) in terms.iter().enumerate() {
            let lemma = normalize_phrase(&term.lemma);
            if let Some(&other) = lemmas.get(&lemma) {
                errors.push(DictionaryError {
                    location: term.location.clone(),
                    message: format!(
                        "термин «{}» уже есть ({}): объедините статьи",
                        term.lemma, terms[other].location
                    ),
                });
                continue;
            }
            lemmas.insert(lemma, index);
            let written = self.forms(term);
            if !term.generated.is_empty() {
                let own = self.spelling_forms(term, term.generated.iter().map(String::as_str));
                for (text, readings) in own {
                    if written.iter().all(|form| form.text != text)
                        && !term.exclude_forms.contains(&text)
                    {
                        generated.entry(text).or_default().push((index, readings));
                    }
                }
            }
            for form in written {
                forms
                    .entry(form.text)
                    .or_default()
                    .push((index, form.readings));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for (text, owners) in generated {
            let [(index, readings)] = owners.as_slice() else {
                continue;
            };
            if forms.contains_key(&text) || !self.collisions(&terms[*index], &text).is_empty() {
                continue;
            }
            terms[*index].generated_forms.push(text.clone());
            forms.insert(text, vec![(*index, readings.clone())]);
        }
        let mut table = FormTable::default();
        for (text, owners) in &forms {
            table.push(text, owners);
        }
        Ok(table)
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

impl OwnWord {
    fn pair(&self) -> (&str, (&str, &str)) {
        (&self.word, (&self.sample, &self.pos))
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
    fn form_table_finds_forms_and_nothing_outside_them() {
        let mut terms = vec![term("lemma = \"фича\"\npos = \"noun\"")];
        let (morph, _) = Morphology::new(bundled().unwrap(), &terms);
        let table = morph.table(&mut terms).unwrap();
        let fichu = table.find("фичу").unwrap();
        assert_eq!(fichu.text, "фичу");
        assert_eq!(
            fichu.owners().map(|owner| owner.term).collect::<Vec<_>>(),
            [0]
        );
        // Before every form, between two, and after every form (found by fuzzing `deny`).
        for absent in ["", "а", "фичаа", "ђin-s0everi", "\u{10FFFF}"] {
            assert!(table.find(absent).is_none(), "{absent}");
        }
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
