//! The boot script's text: splitting it into lines, a line into words, words into a command.

/// Longest number a `push` accepts, in decimal digits (so it always fits in a u32).
pub const MAX_DIGITS: usize = 9;

/// One command of the stack machine.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Push(u32),
    Add,
    Mul,
    Dup,
    Drop,
    Emit,
}

/// Why a line is not a command.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    UnknownVerb,
    MissingArgument,
    UnexpectedArgument,
    BadNumber,
    TooManyWords,
}

/// The lines of a script, split at `\n`; a last line without `\n` counts if it is not empty.
pub struct Lines<'a> {
    rest: &'a [u8],
}

impl<'a> Lines<'a> {
    /// The lines of `script`, first to last.
    pub fn new(script: &'a [u8]) -> Self {
        Lines { rest: script }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match self.rest.iter().position(|&byte| byte == b'\n') {
            Some(end) => (&self.rest[..end], &self.rest[end + 1..]),
            None => (self.rest, &self.rest[self.rest.len()..]),
        };
        self.rest = rest;
        Some(line)
    }
}

/// Where the word scanner is within a line.
#[derive(Copy, Clone)]
enum Scan {
    /// Before the first word.
    Start,
    InVerb,
    /// Between the verb and the argument.
    AfterVerb,
    InArgument,
    /// After the argument: only blanks may follow.
    AfterArgument,
}

/// A line's verb and its argument, if it has one.
type Words<'a> = (&'a [u8], Option<&'a [u8]>);

/// The words of one line, or `None` for a blank or comment line.
fn split_words(line: &[u8]) -> Result<Option<Words<'_>>, ParseError> {
    let mut scan = Scan::Start;
    let (mut verb_start, mut verb_end, mut argument_start, mut argument_end) = (0, line.len(), 0, line.len());
    for (at, &byte) in line.iter().enumerate() {
        let blank = matches!(byte, b' ' | b'\t' | b'\r');
        match scan {
            Scan::Start if byte == b'#' => {
                return Ok(None); // MARK: parse_comment
            }
            Scan::Start if !blank => {
                verb_start = at;
                scan = Scan::InVerb;
            }
            Scan::InVerb if blank => {
                verb_end = at;
                scan = Scan::AfterVerb;
            }
            Scan::AfterVerb if !blank => {
                argument_start = at;
                scan = Scan::InArgument;
            }
            Scan::InArgument if blank => {
                argument_end = at;
                scan = Scan::AfterArgument;
            }
            Scan::AfterArgument if !blank => {
                return Err(ParseError::TooManyWords); // MARK: parse_too_many_words
            }
            _ => {}
        }
    }
    Ok(match scan {
        Scan::Start => None,
        Scan::InVerb | Scan::AfterVerb => Some((&line[verb_start..verb_end], None)),
        Scan::InArgument | Scan::AfterArgument => {
            Some((&line[verb_start..verb_end], Some(&line[argument_start..argument_end])))
        }
    })
}

/// A decimal number of 1 to `MAX_DIGITS` digits.
fn parse_number(text: &[u8]) -> Result<u32, ParseError> {
    if text.len() > MAX_DIGITS {
        return Err(ParseError::BadNumber); // MARK: number_too_long
    }
    let mut value = 0u32;
    for &byte in text {
        if !byte.is_ascii_digit() {
            return Err(ParseError::BadNumber); // MARK: number_not_digit
        }
        value = value * 10 + u32::from(byte - b'0'); // MARK: number_digit
    }
    Ok(value)
}

/// The command a verb and its argument name.
fn parse_command(verb: &[u8], argument: Option<&[u8]>) -> Result<Command, ParseError> {
    let command = match verb {
        b"push" => {
            let Some(text) = argument else {
                return Err(ParseError::MissingArgument); // MARK: parse_missing_argument
            };
            return parse_number(text).map(Command::Push);
        }
        b"add" => Command::Add,
        b"mul" => Command::Mul,
        b"dup" => Command::Dup,
        b"drop" => Command::Drop,
        b"emit" => Command::Emit,
        _ => {
            return Err(ParseError::UnknownVerb); // MARK: parse_unknown_verb
        }
    };
    if argument.is_some() {
        return Err(ParseError::UnexpectedArgument); // MARK: parse_unexpected_argument
    }
    Ok(command)
}

/// The command on `line`, `None` for a blank or comment line.
pub fn parse_line(line: &[u8]) -> Result<Option<Command>, ParseError> {
    match split_words(line)? {
        Some((verb, argument)) => parse_command(verb, argument).map(Some),
        None => Ok(None),
    }
}
