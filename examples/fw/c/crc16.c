/* CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection),
 * bit by bit: the firmware checks every decoded frame with it. The MARK lines
 * run a number of times that depends only on the frame payloads, which the
 * test recomputes. */
#include <stddef.h>
#include <stdint.h>

#define CRC16_POLY 0x1021u
#define CRC16_INIT 0xFFFFu

/* Shifts one message byte into `crc`, one bit at a time. */
static uint16_t crc16_byte(uint16_t crc, uint8_t byte) {
  crc ^= (uint16_t)((unsigned)byte << 8);
  for (int bit = 0; bit < 8; ++bit) {
    if (crc & 0x8000u) {
      crc = (uint16_t)((crc << 1) ^ CRC16_POLY); /* MARK: crc_xor */
    } else {
      crc = (uint16_t)(crc << 1); /* MARK: crc_shift */
    }
  }
  return crc;
}

/* The CRC of `len` bytes at `data`. */
uint16_t fw_crc16(const uint8_t *data, size_t len) {
  uint16_t crc = CRC16_INIT; /* MARK: crc_call */
  for (size_t i = 0; i < len; ++i) {
    crc = crc16_byte(crc, data[i]);
  }
  return crc;
}
