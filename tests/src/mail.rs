//! Reading received emails the way a mail client would: split headers from body, walk
//! multipart bodies, undo quoted-printable and base64, and find the links in the text.

use base64::Engine;

/// A leaf part of a message: its content type and decoded text.
#[derive(Debug, Clone)]
pub struct Part {
    pub content_type: String,
    pub text: String,
}

/// A parsed message: its decoded subject and its text parts.
#[derive(Debug, Clone)]
pub struct ParsedMail {
    pub subject: String,
    pub parts: Vec<Part>,
}

impl ParsedMail {
    pub fn parse(raw: &str) -> Self {
        let (headers, _) = split_head(raw);
        let subject = decode_words(&header(&headers, "subject").unwrap_or_default());
        Self {
            subject,
            parts: parts(raw),
        }
    }

    /// The decoded text of the first part of this type (`text/plain`, `text/html`).
    pub fn body(&self, content_type: &str) -> &str {
        self.parts
            .iter()
            .find(|p| p.content_type == content_type)
            .map(|p| p.text.as_str())
            .unwrap_or_else(|| panic!("no {content_type} part in {self:?}"))
    }

    /// The token after `<page>#` in the plain text body.
    pub fn token_after(&self, page: &str) -> String {
        let text = self.body("text/plain");
        let marker = format!("{page}#");
        let start = text
            .find(&marker)
            .unwrap_or_else(|| panic!("no {marker} link in {text}"))
            + marker.len();
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }
}

fn split_head(raw: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .or_else(|| raw.split_once("\n\n"))
        .unwrap_or((raw, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with(' ') || line.starts_with('\t') {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    (headers, body)
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

fn parts(raw: &str) -> Vec<Part> {
    let (headers, body) = split_head(raw);
    let content_type = header(&headers, "content-type").unwrap_or_else(|| "text/plain".into());
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if mime.starts_with("multipart/") {
        let boundary = parameter(&content_type, "boundary").expect("multipart has a boundary");
        let delimiter = format!("--{boundary}");
        return body
            .split(delimiter.as_str())
            .skip(1)
            .take_while(|chunk| !chunk.starts_with("--"))
            .flat_map(|chunk| parts(chunk.trim_start_matches(['\r', '\n'])))
            .collect();
    }
    let encoding = header(&headers, "content-transfer-encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "base64" => base64::engine::general_purpose::STANDARD
            .decode(body.split_whitespace().collect::<String>())
            .expect("valid base64 body"),
        "quoted-printable" => quoted_printable(body),
        _ => body.as_bytes().to_vec(),
    };
    vec![Part {
        content_type: mime,
        text: String::from_utf8(bytes).expect("utf-8 body"),
    }]
}

fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|param| {
        let (key, val) = param.split_once('=')?;
        (key.trim().eq_ignore_ascii_case(name)).then(|| val.trim().trim_matches('"').to_string())
    })
}

/// Undoes quoted-printable: `=XX` bytes and `=` soft line breaks.
pub fn quoted_printable(body: &str) -> Vec<u8> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            let hex = std::str::from_utf8(&bytes[i + 1..(i + 3).min(bytes.len())]).unwrap_or("");
            if let Ok(byte) = u8::from_str_radix(hex, 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=` and `=?utf-8?q?…?=`) in a header value.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        if !before.trim().is_empty() {
            out.push_str(before);
        }
        let word = &rest[start + 2..];
        let mut fields = word.splitn(3, '?');
        let (_charset, encoding, tail) = match (fields.next(), fields.next(), fields.next()) {
            (Some(c), Some(e), Some(t)) => (c, e, t),
            _ => break,
        };
        let Some(end) = tail.find("?=") else { break };
        let text = &tail[..end];
        let bytes = if encoding.eq_ignore_ascii_case("b") {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .unwrap_or_default()
        } else {
            quoted_printable(&text.replace('_', " "))
        };
        out.push_str(&String::from_utf8_lossy(&bytes));
        rest = &tail[end + 2..];
    }
    out.push_str(rest);
    out
}
