//! Records of an .xlsb (BIFF12) sheet part, written by hand for the tests that build hostile or
//! hidden-row workbooks record by record ([MS-XLSB] 2.1.4 record layout).
#![allow(dead_code)]

pub fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    if typ >= 0x80 {
        v.push((typ & 0x7F) as u8 | 0x80);
        v.push((typ >> 7) as u8);
    } else {
        v.push(typ as u8);
    }
    let mut len = body.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            v.push(b);
            break;
        }
        v.push(b | 0x80);
    }
    v.extend_from_slice(body);
    v
}

pub fn wide(s: &str) -> Vec<u8> {
    let u: Vec<u16> = s.encode_utf16().collect();
    let mut v = (u.len() as u32).to_le_bytes().to_vec();
    for c in u {
        v.extend_from_slice(&c.to_le_bytes());
    }
    v
}

pub fn num(col: u32, x: f64) -> Vec<u8> {
    let mut b = col.to_le_bytes().to_vec();
    b.extend_from_slice(&[0; 4]);
    b.extend_from_slice(&x.to_le_bytes());
    rec(0x0005, &b)
}

pub fn text(col: u32, s: &str) -> Vec<u8> {
    let mut b = col.to_le_bytes().to_vec();
    b.extend_from_slice(&[0; 4]);
    b.extend_from_slice(&wide(s));
    rec(0x0006, &b)
}
