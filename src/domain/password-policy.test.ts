import { describe, expect, it } from 'vitest';
import { checkPassword, isCommonPassword, PASSWORD_MIN_LENGTH } from './password-policy.js';

describe('password policy', () => {
  it('refuses passwords shorter than 12 characters', () => {
    expect(checkPassword('abcdefghijk')).toEqual({ code: 'password_too_short', params: { minimum: 12 } });
    expect(checkPassword('')?.code).toBe('password_too_short');
    expect(checkPassword('abcdefghijkm')).toBeNull();
    expect(PASSWORD_MIN_LENGTH).toBe(12);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    // 11 kanji is still too short even though it is 33 bytes in UTF-8.
    expect(checkPassword('継続計画訓練安否確認事業')?.code).toBeUndefined();
    expect(checkPassword('継続計画訓練安否確認事')?.code).toBe('password_too_short');
    // 6 emoji are 12 UTF-16 units but only 6 characters.
    expect(checkPassword('🙂🙂🙂🙂🙂🙂')?.code).toBe('password_too_short');
  });

  it('refuses passwords longer than 256 characters', () => {
    expect(checkPassword('a'.repeat(256))).toBeNull();
    expect(checkPassword('a'.repeat(257))?.code).toBe('password_too_long');
  });

  it('refuses common passwords from the bundled list, ignoring case', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(checkPassword('qazwsxedcrfv')).toEqual({ code: 'password_too_common' });
    expect(checkPassword('LeaveMeAlone')).toEqual({ code: 'password_too_common' });
    expect(checkPassword('password1234')).toEqual({ code: 'password_too_common' });
    expect(checkPassword('1qaz2wsx3edc')).toEqual({ code: 'password_too_common' });
    expect(checkPassword('1QAZ2WSX3EDC')).toEqual({ code: 'password_too_common' });
    expect(checkPassword('correct horse battery staple')).toBeNull();
  });

  it('refuses the e-mail address and its local part', () => {
    expect(checkPassword('yamada.taro@example.jp', 'yamada.taro@example.jp')).toEqual({
      code: 'password_same_as_email',
    });
    expect(checkPassword('Yamada.Taro@Example.jp', 'yamada.taro@example.jp')?.code).toBe(
      'password_same_as_email',
    );
    expect(checkPassword('yamada.taro.desk', 'yamada.taro.desk@example.jp')?.code).toBe(
      'password_same_as_email',
    );
    expect(checkPassword('yamada.taro.desk!', 'yamada.taro.desk@example.jp')).toBeNull();
    expect(checkPassword('yamada.taro.desk', null)).toBeNull();
  });
});
