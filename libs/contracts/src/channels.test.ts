import { CHANNEL_FAMILY, CHANNELS, channelFamilyOf } from './channels';

describe('channel families', () => {
  it('puts every channel in exactly one family', () => {
    expect(Object.keys(CHANNEL_FAMILY).sort()).toEqual([...CHANNELS].sort());
  });

  it('groups web and app together and keeps assisted channels apart from them', () => {
    expect(channelFamilyOf('web')).toBe(channelFamilyOf('app'));
    expect(channelFamilyOf('call_center')).toBe(channelFamilyOf('advisor'));
    expect(channelFamilyOf('call_center')).not.toBe(channelFamilyOf('web'));
  });
});
