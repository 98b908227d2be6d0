//! Verb government: the case a Russian replacement verb gives the object that a jargon verb takes
//! as a direct object. «Пингани меня» becomes «Напомни мне», not «Напомни меня»; «шерим экран»
//! becomes «делимся экраном». A verb not listed takes a direct object in the accusative, unless
//! it is reflexive: then it takes none.

/// What a verb does with the object of a transitive jargon verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Government {
    /// A direct object in the accusative, like the jargon verb.
    Direct,
    /// The object in this case, without a preposition (a UD case name).
    Case(&'static str),
    /// The object after a preposition, or no object at all: a human rewrites the phrase.
    Other,
}

/// Verbs whose object is not a direct accusative one, by lemma.
const TABLE: &[(&str, Government)] = &[
    ("напомнить", Government::Case("Dat")),
    ("напоминать", Government::Case("Dat")),
    ("помочь", Government::Case("Dat")),
    ("помогать", Government::Case("Dat")),
    ("позвонить", Government::Case("Dat")),
    ("звонить", Government::Case("Dat")),
    ("ответить", Government::Case("Dat")),
    ("отвечать", Government::Case("Dat")),
    ("подчиняться", Government::Case("Dat")),
    ("мешать", Government::Case("Dat")),
    ("доверять", Government::Case("Dat")),
    ("написать", Government::Case("Dat")),
    ("писать", Government::Case("Dat")),
    ("сообщить", Government::Case("Dat")),
    ("сообщать", Government::Case("Dat")),
    ("делиться", Government::Case("Ins")),
    ("поделиться", Government::Case("Ins")),
    ("заняться", Government::Case("Ins")),
    ("заниматься", Government::Case("Ins")),
    ("пользоваться", Government::Case("Ins")),
    ("воспользоваться", Government::Case("Ins")),
    ("управлять", Government::Case("Ins")),
    ("руководить", Government::Case("Ins")),
    ("обмениваться", Government::Case("Ins")),
    ("обменяться", Government::Case("Ins")),
    ("владеть", Government::Case("Ins")),
    ("рисковать", Government::Case("Ins")),
    ("коснуться", Government::Case("Gen")),
    ("касаться", Government::Case("Gen")),
    ("достигать", Government::Case("Gen")),
    ("достичь", Government::Case("Gen")),
    ("добиваться", Government::Case("Gen")),
    ("добиться", Government::Case("Gen")),
    ("избегать", Government::Case("Gen")),
    ("избежать", Government::Case("Gen")),
    ("нажать", Government::Other),
    ("нажимать", Government::Other),
    ("щёлкнуть", Government::Other),
    ("щёлкать", Government::Other),
    ("обратить внимание", Government::Other),
    ("обращать внимание", Government::Other),
    ("отвечать за", Government::Other),
    ("участвовать в разработке", Government::Other),
    ("работать", Government::Other),
    ("подходить", Government::Other),
    ("совпадать", Government::Other),
    ("зависать", Government::Other),
    ("переезжать", Government::Other),
    ("переехать", Government::Other),
    ("срабатывать", Government::Other),
    ("уйти", Government::Other),
    ("выйти", Government::Other),
    ("войти", Government::Other),
    ("входить", Government::Other),
];

/// The government of a replacement verb, by its lemma (or its whole text when it has several
/// words).
pub fn of(lemma: &str) -> Government {
    let lemma = lemma.replace('ё', "е");
    if let Some((_, government)) = TABLE
        .iter()
        .find(|(verb, _)| verb.replace('ё', "е") == lemma)
    {
        return *government;
    }
    // A verb with its own object («давать обратную связь») takes no other.
    if lemma.contains(' ') || lemma.ends_with("ся") || lemma.ends_with("сь") {
        Government::Other
    } else {
        Government::Direct
    }
}

/// Stems of nouns that name a place with «в», never with «на»: «в рабочей среде», «в серверной
/// части», «в окружении», «в системе». A jargon word after «на» («на проде», «на фронте») would
/// need the preposition changed with it.
const PLACES_WITH_V: &[&str] = &["сред", "част", "окружени", "систем"];

/// Whether a replacement (its words, in any case) names a place that takes «в», not «на».
pub fn place_takes_v(replacement: &str) -> bool {
    replacement
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .any(|word| PLACES_WITH_V.iter().any(|stem| word.starts_with(stem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_reflexive_and_plain_verbs() {
        assert_eq!(of("напомнить"), Government::Case("Dat"));
        assert_eq!(of("поделиться"), Government::Case("Ins"));
        assert_eq!(of("щелкнуть"), Government::Other);
        assert_eq!(of("разобраться"), Government::Other);
        assert_eq!(of("исправить"), Government::Direct);
        assert_eq!(of("давать обратную связь"), Government::Other);
    }
}
