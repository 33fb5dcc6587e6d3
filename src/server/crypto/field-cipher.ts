import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts sensitive fields (ID numbers, phones, bank accounts) at rest with AES-256-GCM, and gives
 * a keyed hash (HMAC-SHA256) for exact-match lookup without decrypting. Format: "v1:" + base64(iv|tag|ct).
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for equality search ("find the person with this ID number"). */
  blindIndex(plain: string): string;
}

export function createFieldCipher(keyHex: string): FieldCipher {
  const master = Buffer.from(keyHex, 'hex');
  if (master.length !== 32) throw new Error('field cipher key must be 32 bytes');
  const encKey = createHmac('sha256', master).update('xianfeng:enc:v1').digest();
  const macKey = createHmac('sha256', master).update('xianfeng:idx:v1').digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
    },
    decrypt(stored) {
      if (!stored.startsWith('v1:')) throw new Error('unknown ciphertext version');
      const buf = Buffer.from(stored.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(plain) {
      return createHmac('sha256', macKey).update(plain.trim().toUpperCase()).digest('base64');
    },
  };
}
