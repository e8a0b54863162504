import { reviewFlags } from './checks'

describe('automatic review checks', () => {
  it('passes an ordinary review, including words that merely contain a rude one', () => {
    expect(
      reviewFlags(
        'A classy, well-run evening in Scunthorpe Hall. The pricking of the balloons was the only noise!',
      ),
    ).toEqual([])
  })

  it('flags links, contact details and profanity, even disguised', () => {
    expect(reviewFlags('Photos at https://photos.example.com/ours')).toEqual(['link'])
    expect(reviewFlags('Read more at kowhaiframes.co.nz')).toEqual(['link'])
    expect(reviewFlags('Call Aroha on 021 555 0199')).toEqual(['contact'])
    expect(reviewFlags('Email aroha at aroha@example.com')).toEqual(['contact'])
    expect(reviewFlags('Email aroha@example.com or see www.example.com')).toEqual([
      'link',
      'contact',
    ])
    expect(reviewFlags('The DJ was a total wanker')).toEqual(['profanity'])
    expect(reviewFlags('what a load of sh1t')).toEqual(['profanity'])
  })
})
