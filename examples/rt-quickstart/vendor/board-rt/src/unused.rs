//! A table-driven word mixer that programs rarely need: when nothing calls it, the linker's
//! --gc-sections leaves it out of the image.

/// Mixing constants, one per 6-bit index.
static MIX_TABLE: [u32; 64] = [
    0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344, 0xA4093822, 0x299F31D0, 0x082EFA98, 0xEC4E6C89,
    0x452821E6, 0x38D01377, 0xBE5466CF, 0x34E90C6C, 0xC0AC29B7, 0xC97C50DD, 0x3F84D5B5, 0xB5470917,
    0x9216D5D9, 0x8979FB1B, 0xD1310BA6, 0x98DFB5AC, 0x2FFD72DB, 0xD01ADFB7, 0xB8E1AFED, 0x6A267E96,
    0xBA7C9045, 0xF12C7F99, 0x24A19947, 0xB3916CF7, 0x0801F2E2, 0x858EFC16, 0x636920D8, 0x71574E69,
    0xA458FEA3, 0xF4933D7E, 0x0D95748F, 0x728EB658, 0x718BCD58, 0x82154AEE, 0x7B54A41D, 0xC25A59B5,
    0x9C30D539, 0x2AF26013, 0xC5D1B023, 0x286085F0, 0xCA417918, 0xB8DB38EF, 0x8E79DCB0, 0x603A180E,
    0x6C9E0E8B, 0xB01E8A3E, 0xD71577C1, 0xBD314B27, 0x78AF2FDA, 0x55605C60, 0xE65525F3, 0xAA55AB94,
    0x57489862, 0x63E81440, 0x55CA396A, 0x2AAB10B6, 0xB4CC5C34, 0x1141E8CE, 0xA15486AF, 0x7C72E993,
];

/// Mixes `x` through 200 rounds of table lookups, rotations and multiplications.
#[inline(never)]
pub fn never_called_by_anyone(x: u32) -> u32 {
    let mut state = x ^ 0x9E37_79B9;
    for round in 0..200u32 {
        let index = ((state >> 26) ^ round) as usize & 63;
        state = state.rotate_left(5) ^ MIX_TABLE[index];
        state = state.wrapping_mul(0x0100_0193).wrapping_add(round);
        if state & 1 == 0 {
            state ^= state >> 15;
        } else {
            state = state.wrapping_sub(MIX_TABLE[63 - index]);
        }
    }
    state
}
