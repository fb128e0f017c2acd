//! A tiny line protocol: `SET k v`, `ADD k v`, `DEL k`, `SUM`; the workload the example profiles.

/// One parsed command.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Command {
    Set(u8, u32),
    Add(u8, u32),
    Del(u8),
    Sum,
    Invalid,
}

fn number(text: &[u8]) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    let mut value: u32 = 0;
    for &d in text {
        if !d.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add((d - b'0') as u32)?;
    }
    Some(value)
}

fn key(text: &[u8]) -> Option<u8> {
    match text {
        [k] if k.is_ascii_lowercase() => Some(k - b'a'),
        _ => None,
    }
}

/// Parses one line into a command.
pub fn parse(line: &[u8]) -> Command {
    let mut words = line.split(|&b| b == b' ').filter(|w| !w.is_empty());
    let (verb, a, b) = (words.next(), words.next(), words.next());
    match (verb, a.and_then(key), b.and_then(number)) {
        (Some(b"SET"), Some(k), Some(v)) => Command::Set(k, v),
        (Some(b"ADD"), Some(k), Some(v)) => Command::Add(k, v),
        (Some(b"DEL"), Some(k), None) => Command::Del(k),
        (Some(b"SUM"), None, None) if a.is_none() => Command::Sum,
        _ => Command::Invalid,
    }
}

fn sum(registers: &[u32; 26]) -> u64 {
    registers.iter().map(|&r| r as u64).sum()
}

/// Applies every line of `script` to 26 registers; returns (sum of SUM results, invalid lines).
pub fn execute(script: &[u8]) -> (u64, u32) {
    let mut registers = [0u32; 26];
    let (mut total, mut invalid) = (0u64, 0u32);
    for line in script.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        match parse(line) {
            Command::Set(k, v) => registers[k as usize] = v,
            Command::Add(k, v) => registers[k as usize] = registers[k as usize].wrapping_add(v),
            Command::Del(k) => registers[k as usize] = 0,
            Command::Sum => total += sum(&registers),
            Command::Invalid => invalid += 1,
        }
    }
    (total, invalid)
}
