// Browser tests of the voting screens against the demo street: a resident votes on the H5, checks the
// receipt and sees it again on another phone, and reads the proposal's documents and photos; two clerks
// type the same paper form and the supervisor settles a mismatch; the results page explains the ratios
// and where the owners stood; the create-vote wizard makes and opens a vote with its roll and turnout,
// and edits a draft with its materials; an organiser records a written proxy and an officer a ballot
// cast at the meeting; an owner names a proxy on the H5 after the identity check and withdraws it.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import { crc32, deflateSync } from 'node:zlib'
import { apiSession, findNodeId, idNumberEnd } from './support/api.mjs'
import { assertAccessible, checkScreen, lookUpReceipt, poppersClosed, saveScreenshot, signInToMobile } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'

/** A percentage as the screens show it: rounded down to two decimals. */
const percentOf = ({ num, den }) => `${(Math.floor((num * 10000) / den) / 100).toFixed(2)}%`
/** The demo street's published vote on the maintenance fund, whose result the tests read. */
const maintenanceVoteTitle = '关于使用专项维修资金维修屋面防水的表决'
/** A valid 1×1 PNG of one RGB colour: photos of different colours are stored as photos of their own. */
function onePixelPng([red, green, blue]) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, red, green, blue]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
const pixels = [onePixelPng([200, 40, 40]), onePixelPng([40, 120, 200])]

/** Uploads a photo through the API as `session`; returns its id. */
async function uploadPhoto(session, png) {
  return (await session.send('POST', '/api/v1/photos', png, { expectedStatus: 201, contentType: 'image/png' })).id
}

/** The first stairwell unit of 德胜新村's first building, with the compound's id. */
async function firstUnit(baseUrl, organiser) {
  const compoundId = await findNodeId(baseUrl, '德胜新村')
  const [building] = (await organiser.get(`/api/v1/org/nodes/${compoundId}/children`)).items
  const [unit] = (await organiser.get(`/api/v1/org/nodes/${building.id}/children`)).items
  return { compoundId, unit }
}

/** Creates, through the API, a draft vote on one stairwell unit of 德胜新村 with paper and meeting ballots. */
async function draftUnitVote(baseUrl, organiser) {
  const { compoundId, unit } = await firstUnit(baseUrl, organiser)
  return organiser.send(
    'POST',
    '/api/v1/votes',
    {
      compound_id: compoundId,
      title: '关于一单元楼道照明改造的表决',
      matter: 9,
      items: ['同意更换楼道照明为感应灯', '同意费用按专有面积分摊'],
      opens_at: new Date(Date.now() - 60_000).toISOString(),
      closes_at: new Date(Date.now() + 86_400_000).toISOString(),
      channels: ['paper', 'meeting'],
      scope: { kind: 'units', node_ids: [unit.id] },
    },
    { expectedStatus: 201 },
  )
}

/** Creates and opens, through the API, a vote on one stairwell unit of 德胜新村 with paper and meeting ballots. */
async function openUnitVote(baseUrl, organiser) {
  const vote = await draftUnitVote(baseUrl, organiser)
  await organiser.send('POST', `/api/v1/votes/${vote.id}/open`, {})
  return vote
}

/** The owners of a vote's roll as the owner pickers list them: "masked name · rooms", one per owner. */
async function rollOwners(session, voteId) {
  const owners = new Map()
  for (const entry of (await session.get(`/api/v1/votes/${voteId}/roll`)).items) {
    if (!entry.owner) continue
    const owner = owners.get(entry.owner.id) ?? { id: entry.owner.id, name: entry.owner.name, rooms: [] }
    owner.rooms.push(entry.part.name)
    owners.set(owner.id, owner)
  }
  return [...owners.values()].map((owner) => ({ ...owner, label: `${owner.name} · ${owner.rooms.join('、')}` }))
}

/** Opens the owner picker `testId` in `scope`, filters it by the owner's first room and picks the owner. */
async function pickOwner(page, scope, testId, owner) {
  await scope.getByTestId(testId).click()
  await page.keyboard.type(owner.rooms[0])
  await page.getByRole('option', { name: owner.label, exact: true }).click()
  await poppersClosed(page)
}

describe('voting screens', () => {
  describe('resident H5', () => {
    const suite = browserSuite(phone)

    test('a resident votes on the open vote of 德胜新村 with large buttons, confirms and checks the receipt', async () => {
      const resident = await apiSession(suite.baseUrl, 'resident')
      const open = (await resident.get('/api/v1/me/votes')).items.find((vote) => vote.state === 'open')
      assert.ok(open, 'the demo resident has an open vote')
      assert.equal(open.my_voters.find((voter) => voter.self).voted_channel, null)

      const page = await suite.mobilePage('resident')
      await page.getByTestId('my-votes-link').click()
      const vote = page.getByTestId(`my-vote-${open.id}`)
      await vote.getByText('待投票').waitFor()
      await checkScreen(page, 'H5 my votes', 'voting-mobile-my-votes')

      await vote.click()
      await page.getByTestId('vote-title').getByText(open.title).waitFor()
      const review = page.getByTestId('review')
      assert.equal(await review.isDisabled(), true, 'no review before every item has a choice')
      for (let item = 1; item <= open.items.length; item++) {
        await page.getByTestId(`item-${item}`).getByRole('radio', { name: '赞同' }).click()
      }
      assert.equal(await page.getByTestId('item-1').getByRole('radio', { name: '赞同' }).getAttribute('aria-checked'), 'true')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 360, `nothing overflows the 360px screen (page is ${width}px wide)`)
      await checkScreen(page, 'H5 ballot', 'voting-mobile-ballot')

      await page.getByTestId('vote-identity-required').getByText('本表决需实名核验').waitFor()
      await review.click()
      // The demo street asks every online voter to prove who they are before their first ballot.
      const identity = page.getByTestId('identity-check')
      await identity.getByText('身份证号后四位').first().waitFor()
      await checkScreen(page, 'H5 identity check', 'voting-mobile-identity')
      const last4 = await idNumberEnd(suite.baseUrl, open.my_voters.find((voter) => voter.self).voter_id)
      await identity.getByTestId('id-last4').locator('input').fill(last4)
      await identity.getByTestId('identity-submit').click()
      const confirm = page.getByTestId('confirm')
      await confirm.getByText('请核对你的选择').waitFor()
      await confirm.getByText('赞同').first().waitFor()
      await checkScreen(page, 'H5 ballot confirmation', 'voting-mobile-confirm')

      await page.getByTestId('submit-ballot').click()
      const code = (await page.getByTestId('receipt-code').innerText()).trim()
      assert.match(code, /^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/)
      await checkScreen(page, 'H5 receipt', 'voting-mobile-receipt')
      const after = (await resident.get('/api/v1/me/votes')).items.find((shown) => shown.id === open.id)
      assert.equal(after.my_voters.find((voter) => voter.self).voted_channel, 'online')

      // The public check needs no sign-in.
      const visitor = await suite.freshPage()
      const receipt = await lookUpReceipt(visitor, suite.baseUrl, code)
      await receipt.getByText(open.title).waitFor()
      await receipt.getByText('线上').waitFor()
      await receipt.getByText('结果尚未公布').waitFor()
      await checkScreen(visitor, 'H5 receipt check', 'voting-mobile-receipt-check')

      await visitor.getByTestId('receipt-input').locator('input').fill('0000-0000-0000-0000-0000')
      await visitor.getByRole('button', { name: '查询' }).click()
      await visitor.getByText('没有该回执码对应的选票').waitFor()

      // The server gives the resident their own receipt back, so another phone shows it too.
      assert.equal(after.my_voters.find((voter) => voter.self).receipt_code, code)
      const otherPhone = await suite.mobilePage('resident')
      await otherPhone.goto(`${suite.baseUrl}/m/votes/${open.id}`)
      await otherPhone.getByTestId('my-receipt').getByTestId('receipt-code').getByText(code.slice(0, 4)).waitFor()
      assert.equal((await otherPhone.getByTestId('my-receipt').getByTestId('receipt-code').innerText()).trim(), code)
    })

    test('the vote page lists the proposal’s documents and opens its photos, as the server serves them', async () => {
      const resident = await apiSession(suite.baseUrl, 'resident')
      const seeded = (await resident.get('/api/v1/me/votes')).items.find((vote) => vote.title === '关于续聘物业服务企业的表决')
      assert.ok(seeded.documents.length > 0, 'the demo’s open vote carries its documents')
      const commissioner = await apiSession(suite.baseUrl, 'commissioner')
      const photos = [await uploadPhoto(commissioner, pixels[0]), await uploadPhoto(commissioner, pixels[1])]
      const documents = [{ name: '小区充电棚设置方案', reference: '德胜新村业委会〔2026〕5 号' }]
      const vote = await commissioner.send(
        'POST',
        '/api/v1/votes',
        {
          compound_id: seeded.compound.id,
          title: '关于增设电动自行车充电棚的表决',
          matter: 9,
          items: ['同意在 3 幢北侧增设充电棚'],
          opens_at: new Date(Date.now() - 60_000).toISOString(),
          closes_at: new Date(Date.now() + 86_400_000).toISOString(),
          channels: ['online'],
          documents,
          photos,
        },
        { expectedStatus: 201 },
      )
      await commissioner.send('POST', `/api/v1/votes/${vote.id}/open`, {})

      const page = await suite.mobilePage('resident')
      await page.goto(`${suite.baseUrl}/m/votes/${vote.id}`)
      const proposal = page.getByTestId('vote-proposal')
      await proposal.getByRole('heading', { name: '表决材料' }).waitFor()
      await proposal.getByTestId('vote-document').getByText(documents[0].name).waitFor()
      await proposal.getByTestId('vote-document').getByText(documents[0].reference).waitFor()
      const images = proposal.getByTestId('vote-photos').locator('img')
      await page.waitForFunction(
        () => [...document.querySelectorAll('[data-testid="vote-photos"] img')].every((img) => img.complete && img.naturalWidth > 0),
      )
      assert.equal(await images.count(), 2, 'both photos are drawn from the server')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 360, `nothing overflows the 360px screen (page is ${width}px wide)`)
      await checkScreen(page, 'H5 vote with its proposal', 'voting-mobile-proposal')
      await proposal.getByRole('button', { name: '第 2 张照片' }).click()
      await page.locator('.van-image-preview').waitFor()
      await page.locator('.van-image-preview__index').getByText('2 / 2').waitFor()

      // A photo of this vote is not served through another one.
      assert.equal(await resident.status(`/api/v1/votes/${seeded.id}/photos/${photos[0]}`), 404)
    })

    test('the resident sees the published result of the maintenance-fund vote in elderly mode', async () => {
      const resident = await apiSession(suite.baseUrl, 'resident')
      const published = (await resident.get('/api/v1/me/votes')).items.find((vote) => vote.title === maintenanceVoteTitle)
      assert.equal(published.state, 'published')
      const page = await suite.freshPage()
      await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
      await signInToMobile(page, suite.baseUrl, 'resident')
      await page.goto(`${suite.baseUrl}/m/votes/${published.id}`)
      const result = page.getByTestId('vote-result')
      await result.getByTestId('outcome').first().getByText('通过').waitFor()
      await result.getByText('参与表决的业主人数 / 总人数').first().waitFor()
      const size = await page.getByTestId('vote-title').evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
      assert.ok(size >= 24, `the title is large in elderly mode (${size}px)`)
      await checkScreen(page, 'H5 published result', 'voting-mobile-result')
    })

    test('an owner checks who they are, names a proxy by phone with their statement, sees whom they asked and withdraws it', async () => {
      const organiser = await apiSession(suite.baseUrl, 'commissioner')
      const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
      const vote = await organiser.send(
        'POST',
        '/api/v1/votes',
        {
          compound_id: compoundId,
          title: '关于增设电动自行车充电桩的表决',
          matter: 9,
          items: ['同意增设充电桩'],
          opens_at: new Date(Date.now() - 60_000).toISOString(),
          closes_at: new Date(Date.now() + 86_400_000).toISOString(),
          channels: ['online', 'paper'],
        },
        { expectedStatus: 201 },
      )
      await organiser.send('POST', `/api/v1/votes/${vote.id}/open`, {})
      const resident = await apiSession(suite.baseUrl, 'resident')
      const self = (await resident.get('/api/v1/me/votes')).items.find((shown) => shown.id === vote.id).my_voters[0]
      const [proxy] = (await rollOwners(organiser, vote.id)).filter((owner) => owner.id !== self.voter_id)
      const admin = await apiSession(suite.baseUrl, 'admin')
      const { phone: proxyPhone } = await admin.send('POST', `/api/v1/people/${proxy.id}/unmask`, { reason: '浏览器测试委托投票' })

      const page = await suite.mobilePage('resident')
      await page.goto(`${suite.baseUrl}/m/votes/${vote.id}`)
      const card = page.getByTestId('vote-proxy')
      await card.getByTestId('proxy-open').click()
      // The vote asks who the owner is before they name someone to cast for them.
      await card.getByTestId('id-last4').locator('input').fill(await idNumberEnd(suite.baseUrl, self.voter_id))
      await card.getByTestId('identity-submit').click()
      const form = card.getByTestId('proxy-form')
      await form.getByTestId('proxy-phone').locator('input').fill(proxyPhone)
      await form.getByTestId('proxy-statement').locator('textarea').fill('本人自愿委托邻居代为参加本次表决')
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360)
      await checkScreen(page, 'H5 naming a proxy', 'voting-mobile-proxy')
      await form.getByTestId('proxy-submit').click()
      await page.locator('.van-dialog__confirm').click()
      await card.getByTestId('proxy-named').getByText(`已委托 ${proxy.name} 代为投票`).waitFor()
      const proxies = await organiser.get(`/api/v1/votes/${vote.id}/proxies`)
      assert.deepEqual(
        proxies.items.map((recorded) => [recorded.voter.id, recorded.proxy.id, recorded.source, recorded.statement]),
        [[self.voter_id, proxy.id, 'h5', '本人自愿委托邻居代为参加本次表决']],
      )

      await card.getByTestId('proxy-withdraw').click()
      await page.locator('.van-dialog__confirm').click()
      await card.getByTestId('proxy-open').waitFor()
      assert.equal((await organiser.get(`/api/v1/votes/${vote.id}/proxies`)).items.length, 0)
    })
  })

  describe('console', () => {
    const suite = browserSuite(desktop)

    test('two clerks type the same paper form and it is counted; a form typed again is refused; the forms print one a page', async () => {
      const commissioner = await apiSession(suite.baseUrl, 'commissioner')
      const vote = await openUnitVote(suite.baseUrl, commissioner)
      const roll = await commissioner.get(`/api/v1/votes/${vote.id}/roll`)
      const voterId = roll.items.find((entry) => entry.owner).owner.id

      const enterForm = async (login, expected, screenshot) => {
        const page = await suite.consolePage(login, `/votes/${vote.id}`)
        await page.getByRole('tab', { name: '书面票录入' }).click()
        const entry = page.getByTestId('paper-entry')
        await entry.getByTestId('form-code').fill(String(voterId))
        await entry.getByTestId('entry-keys').fill('14')
        assert.equal(await entry.getByRole('radio', { name: '1 赞同' }).first().isChecked(), true)
        await entry.getByTestId('entry-keys').press('Enter')
        await entry.getByTestId('entry-outcome').getByText(expected).waitFor()
        assert.equal(await entry.getByTestId('form-code').inputValue(), '', 'the form is cleared for the next one')
        await checkScreen(page, `paper entry by ${login}`, screenshot)
        return page
      }
      await enterForm('commissioner', '等待另一位录入员独立录入', 'voting-clerk-a')
      const clerkB = await enterForm('committee', '两次录入一致，已计票', 'voting-clerk-b')
      const turnout = await commissioner.get(`/api/v1/votes/${vote.id}/turnout`)
      assert.equal(turnout.ballots, 1)

      // A form typed twice is refused with the server's message on the form code.
      const entry = clerkB.getByTestId('paper-entry')
      await entry.getByTestId('form-code').fill(String(voterId))
      await entry.getByTestId('entry-keys').fill('11')
      await entry.getByTestId('submit-entry').click()
      await entry.locator('.el-form-item.is-error').getByText('该业主已通过书面渠道投票').waitFor()

      // The printed forms: one per voter of the frozen roll, each with its form code.
      await clerkB.goto(`${suite.baseUrl}/votes/${vote.id}/paper-forms`)
      const forms = clerkB.getByTestId('paper-form')
      await forms.first().waitFor()
      assert.equal(await forms.count(), roll.voters)
      await forms.getByText(`表单编号 ${voterId}`, { exact: true }).waitFor()
      await clerkB.emulateMedia({ media: 'print' })
      assert.equal(await clerkB.getByTestId('print').isVisible(), false, 'the toolbar is not printed')
      assert.equal(await forms.first().evaluate((form) => getComputedStyle(form).breakAfter), 'page')
      await clerkB.emulateMedia({ media: 'screen' })
      await checkScreen(clerkB, 'paper forms', 'voting-paper-forms')
    })

    test('the supervisor settles a form the two clerks typed differently', async () => {
      const supervisor = await suite.consolePage('supervisor')
      const seeded = (await (await apiSession(suite.baseUrl, 'supervisor')).get('/api/v1/votes')).items.find(
        (shown) => shown.state === 'open' && shown.title.includes('物业'),
      )
      await supervisor.goto(`${suite.baseUrl}/votes/${seeded.id}`)
      await supervisor.getByRole('tab', { name: '不一致复核' }).click()
      const held = supervisor.getByTestId('held-form').first()
      await held.getByText('committee 的录入').waitFor()
      await held.getByText('commissioner 的录入').waitFor()
      await held.getByText('不一致').first().waitFor()
      await checkScreen(supervisor, 'reconciliation queue', 'voting-held-queue')
      await held.locator('.el-select').first().click()
      await supervisor.locator('.el-select-dropdown__item:visible', { hasText: '赞同' }).click()
      await held.getByTestId('settle').click()
      await supervisor.getByText('没有待复核的书面票').waitFor()
    })

    test('the results page of the published vote explains the six ratios with exact fractions', async () => {
      const admin = await apiSession(suite.baseUrl, 'admin')
      // The demo's maintenance-fund vote (matter 5, more than half): other demo votes are published too.
      const published = (await admin.get('/api/v1/votes')).items.find((vote) => vote.title === maintenanceVoteTitle)
      assert.equal(published.state, 'published')
      const publication = await admin.get(`/api/v1/votes/${published.id}/publication`)
      const [first] = publication.result.items
      const page = await suite.consolePage('admin')
      await page.getByTestId('console-menu').getByText('业主表决').click()
      await page.getByTestId('votes-table').getByRole('link', { name: published.title }).click()
      const item = page.getByTestId('result-item').first()
      await item.getByTestId('outcome').getByText('通过').waitFor()
      await item.getByText('过半数').first().waitFor()
      const quorumCount = item.getByTestId('ratio-quorumCount')
      await quorumCount.getByText(`${first.quorum.count.num} / ${first.quorum.count.den}`).waitFor()
      await quorumCount.getByText(percentOf(first.quorum.count)).waitFor()
      await quorumCount.getByText('≥ 2/3').waitFor()
      await item.getByTestId('ratio-approvalCount').getByText(percentOf(first.approval.count)).waitFor()
      await item.getByTestId('ratio-approvalArea').getByText('> 1/2').waitFor()
      await item.getByTestId('ratio-quorumArea').getByText(percentOf(first.quorum.area)).waitFor()
      await page.getByTestId('fingerprints').getByText(publication.fingerprints.result).waitFor()
      // Where the owners stood, each side by owners and by area, as the server counted them.
      const { agree, not_voted: notVoted, total } = first.breakdown
      await item.getByTestId('breakdown-agree').getByText(`${agree.count} / ${total.count}`).waitFor()
      await item.getByTestId('breakdown-agree').getByText(percentOf({ num: agree.area, den: total.area })).waitFor()
      await item.getByTestId('breakdown-not_voted').getByText(`${notVoted.count} / ${total.count}`).waitFor()
      await checkScreen(page, 'vote result', 'voting-result')

      // The result notice prints the same judgement, with the export files to download beside it.
      await page.goto(`${suite.baseUrl}/votes/${published.id}/result-sheet`)
      const sheet = page.getByTestId('result-sheet')
      await sheet.getByTestId('result-sheet-item').first().waitFor()
      assert.equal(await sheet.getByTestId('result-sheet-item').count(), publication.result.items.length)
      await sheet.getByTestId('result-sheet-outcome').first().getByText('通过').waitFor()
      await sheet.getByTestId('ratio-quorumCount').first().getByText(percentOf(first.quorum.count)).waitFor()
      await sheet.getByTestId('breakdown-oppose').first().getByText(`${first.breakdown.oppose.count} / ${first.breakdown.total.count}`).waitFor()
      await sheet.getByTestId('result-sheet-date').waitFor()
      const download = page.getByTestId('download-roll.csv')
      const roll = await page.request.get(new URL(await download.getAttribute('href'), suite.baseUrl).href)
      assert.equal(roll.status(), 200)
      assert.equal(createHash('sha256').update(await roll.body()).digest('hex'), publication.fingerprints.roll)
      await page.emulateMedia({ media: 'print' })
      assert.equal(await page.getByTestId('print').isVisible(), false, 'the toolbar is not printed')
      await page.emulateMedia({ media: 'screen' })
      await checkScreen(page, 'vote result sheet', 'voting-result-sheet')
    })

    test('the create-vote wizard explains the threshold, creates and opens a vote with roll and live turnout', async () => {
      const page = await suite.consolePage('commissioner', '/votes')
      await page.getByTestId('votes-table').waitFor()
      await assertAccessible(page, 'votes list')
      await page.getByTestId('create-vote').click()
      const wizard = page.getByTestId('vote-wizard')

      await wizard.getByTestId('next-step').click()
      await wizard.getByText('请选择小区').waitFor()
      await wizard.getByTestId('node-picker').click()
      await page.locator('.el-popper:visible .el-tree-node__content', { hasText: '德胜新村' }).click()
      await page.locator('.el-popper .el-tree').waitFor({ state: 'hidden' })
      await assertAccessible(page, 'wizard step 1')
      await wizard.getByTestId('next-step').click()

      await wizard.getByLabel('表决标题').fill('关于增设电动自行车充电棚的表决')
      await wizard.getByTestId('matter-picker').getByText('改变共有部分的用途').click()
      await wizard.getByTestId('threshold-rule').getByText('四分之三以上').waitFor()
      await wizard.getByTestId('matter-picker').getByText('有关共有和共同管理权利的其他重大事项').click()
      await wizard.getByTestId('threshold-rule').getByText('恰好一半不通过').waitFor()
      await wizard.getByTestId('next-step').click()
      await wizard.getByText('请填写表决内容').waitFor()
      await wizard.getByPlaceholder('如：同意续聘现物业服务企业').fill('同意在 3 幢北侧增设充电棚')
      // Items are offered up to the limit the server serves, and no further.
      const { max_items: maxItems } = await (await apiSession(suite.baseUrl, 'commissioner')).get('/api/v1/vote-matters')
      for (let items = 1; items < maxItems; items++) await wizard.getByTestId('add-item').click()
      assert.equal(await wizard.getByPlaceholder('如：同意续聘现物业服务企业').count(), maxItems)
      assert.equal(await wizard.getByTestId('add-item').count(), 0, 'no item beyond the limit is offered')
      for (let item = maxItems; item > 2; item--) await wizard.getByRole('button', { name: `删除第 ${item} 项` }).click()
      await wizard.getByTestId('add-item').waitFor()
      await wizard.getByPlaceholder('如：同意续聘现物业服务企业').nth(1).fill('同意由物业负责日常管理')
      await checkScreen(page, 'wizard step 2', 'voting-wizard-matter')
      await wizard.getByTestId('next-step').click()
      await assertAccessible(page, 'wizard step 3')
      await wizard.getByTestId('save-open').click()

      await page.waitForURL(/\/votes\/\d+$/)
      const votePage = page.getByTestId('vote-page')
      await votePage.getByTestId('vote-state').getByText('投票中').waitFor()
      await votePage.getByTestId('gauge-area').locator('canvas').waitFor()
      await votePage.getByTestId('gauge-count').getByText('0 / ').waitFor()
      await checkScreen(page, 'live turnout', 'voting-turnout')
      await page.getByRole('tab', { name: '业主名册' }).click()
      const commissioner = await apiSession(suite.baseUrl, 'commissioner')
      const voteId = Number(page.url().split('/').at(-1))
      const roll = await commissioner.get(`/api/v1/votes/${voteId}/roll`)
      await page.getByTestId('roll-voters').getByText(String(roll.voters)).waitFor()
      await page.getByText(roll.fingerprint).waitFor()
      await checkScreen(page, 'roll preview', 'voting-roll')
    })

    test('the organiser edits a draft: its unit scope is kept, the new title, item and materials are saved', async () => {
      const commissioner = await apiSession(suite.baseUrl, 'commissioner')
      const unitDraft = await draftUnitVote(suite.baseUrl, commissioner)
      const plan = { name: '楼道照明改造方案', reference: '德胜新村业委会〔2026〕4 号' }
      const savedPhoto = await uploadPhoto(commissioner, pixels[0])
      const draft = await commissioner.send('PATCH', `/api/v1/votes/${unitDraft.id}`, { documents: [plan], photos: [savedPhoto] })
      const { unit } = await firstUnit(suite.baseUrl, commissioner)
      const page = await suite.consolePage('commissioner', `/votes/${draft.id}`)
      await page.getByTestId('edit-vote').click()
      await page.waitForURL(new RegExp(`/votes/${draft.id}/edit$`))

      const wizard = page.getByTestId('vote-wizard')
      await wizard.getByRole('heading', { name: '修改表决草稿' }).waitFor()
      await wizard.getByTestId('vote-compound').getByText('德胜新村').waitFor()
      assert.equal(await wizard.getByTestId('scope-kind').getByRole('radio', { name: '指定单元' }).isChecked(), true)
      // The draft's unit is named even though its branch of the lazy tree has not been opened.
      await wizard.getByTestId('scope-nodes').getByText(unit.name).waitFor()
      await assertAccessible(page, 'edit draft step 1')
      await wizard.getByTestId('next-step').click()

      const title = wizard.getByLabel('表决标题')
      assert.equal(await title.inputValue(), draft.title)
      await title.fill('关于一单元楼道照明和扶手改造的表决')
      const secondItem = wizard.getByPlaceholder('如：同意续聘现物业服务企业').nth(1)
      assert.equal(await secondItem.inputValue(), draft.items[1])
      await secondItem.fill('同意费用由维修资金列支')
      // The draft's document and photo are there; a second document is added and a photo uploaded.
      const materials = wizard.getByTestId('vote-materials')
      assert.equal(await materials.getByLabel('材料 1', { exact: true }).inputValue(), plan.name)
      await page.waitForFunction(() => document.querySelector('[data-testid="vote-materials"] [data-testid="photo-uploader"] img')?.naturalWidth > 0)
      await materials.getByTestId('add-document').click()
      await wizard.getByTestId('next-step').click()
      await materials.getByText('请填写材料名称').waitFor()
      await materials.getByLabel('材料 2', { exact: true }).fill('施工费用预算')
      await materials.getByLabel('文号或查阅处', { exact: true }).nth(1).fill('业委会办公室可查阅')
      await materials.getByTestId('photo-input').setInputFiles({ name: 'stairs.png', mimeType: 'image/png', buffer: pixels[1] })
      await materials.getByTestId('photo-uploader').getByRole('img', { name: '第 2 张照片' }).waitFor()
      await assertAccessible(page, 'edit draft step 2')
      await wizard.getByTestId('next-step').click()
      await wizard.getByTestId('save-draft').getByText('保存修改').waitFor()
      await saveScreenshot(page, 'voting-edit-draft')
      await wizard.getByTestId('save-draft').click()

      await page.waitForURL(new RegExp(`/votes/${draft.id}$`))
      const votePage = page.getByTestId('vote-page')
      await votePage.getByRole('heading', { name: '关于一单元楼道照明和扶手改造的表决' }).waitFor()
      await votePage.getByTestId('vote-facts').getByText('同意费用由维修资金列支').waitFor()
      const saved = await commissioner.get(`/api/v1/votes/${draft.id}`)
      assert.equal(saved.state, 'draft')
      assert.equal(saved.title, '关于一单元楼道照明和扶手改造的表决')
      assert.deepEqual(saved.items, [draft.items[0], '同意费用由维修资金列支'])
      assert.deepEqual(saved.scope, { kind: 'units', node_ids: [unit.id] })
      assert.deepEqual(saved.channels, draft.channels)
      assert.deepEqual(saved.documents, [plan, { name: '施工费用预算', reference: '业委会办公室可查阅' }])
      assert.equal(saved.photos.length, 2)
      assert.equal(saved.photos[0], savedPhoto)
      await votePage.getByTestId('vote-documents').getByText('施工费用预算').waitFor()
    })

    test('on an open vote the organiser records a written proxy and an officer a meeting ballot with its receipt', async () => {
      const commissioner = await apiSession(suite.baseUrl, 'commissioner')
      const admin = await apiSession(suite.baseUrl, 'admin')
      const vote = await openUnitVote(suite.baseUrl, commissioner)
      const [proxied, present] = await rollOwners(commissioner, vote.id)
      assert.ok(present, 'the unit has two owners on the roll')
      const [proxyPerson] = (await admin.get(`/api/v1/people?node=${vote.compound.id}&limit=1`)).items
      const { phone } = await admin.send('POST', `/api/v1/people/${proxyPerson.id}/unmask`, { reason: '浏览器测试登记委托' })

      const page = await suite.consolePage('commissioner', `/votes/${vote.id}`)
      await page.getByRole('tab', { name: '委托登记' }).click()
      const proxies = page.getByTestId('proxies')
      await proxies.getByText('还没有登记委托').waitFor()
      await proxies.getByTestId('record-proxy').click()
      const drawer = page.getByTestId('proxy-form')
      await drawer.getByTestId('save').click()
      await drawer.getByText('请选择业主').waitFor()
      await drawer.getByText('请填写委托书编号').waitFor()
      await pickOwner(page, drawer, 'proxy-voter', proxied)
      await drawer.getByTestId('proxy-person').locator('input').fill(phone)
      await page.getByRole('option', { name: proxyPerson.name }).first().click()
      await drawer.getByTestId('letter-reference').fill('WT-E2E-1')
      await drawer.getByTestId('letter-reference').blur()
      await poppersClosed(page)
      await checkScreen(page, 'proxy drawer', 'voting-proxy-form')
      await drawer.getByTestId('save').click()
      await page.getByText('已登记委托').waitFor()
      const row = proxies.getByTestId('proxies-table').locator('tbody tr').filter({ hasText: 'WT-E2E-1' })
      await row.locator('td').nth(0).getByText(`${proxied.name}（表单编号 ${proxied.id}）`).waitFor()
      await row.locator('td').nth(1).getByText(proxyPerson.name, { exact: true }).waitFor()
      const recorded = (await commissioner.get(`/api/v1/votes/${vote.id}/proxies`)).items
      assert.deepEqual(
        recorded.map((proxy) => [proxy.voter.id, proxy.proxy.id, proxy.letter_reference]),
        [[proxied.id, proxyPerson.id, 'WT-E2E-1']],
      )
      await checkScreen(page, 'proxies tab', 'voting-proxies')

      // A second proxy for the same owner is refused, with the server's message on the owner field.
      await proxies.getByTestId('record-proxy').click()
      await pickOwner(page, drawer, 'proxy-voter', proxied)
      await drawer.getByTestId('proxy-person').locator('input').fill(phone)
      await page.getByRole('option', { name: proxyPerson.name }).first().click()
      await drawer.getByTestId('letter-reference').fill('WT-E2E-2')
      await drawer.getByTestId('save').click()
      await drawer.locator('.el-form-item.is-error').filter({ hasText: '业主' }).getByText('该业主已登记委托人').waitFor()
      await drawer.getByRole('button', { name: '取消' }).click()
      assert.equal((await commissioner.get(`/api/v1/votes/${vote.id}/proxies`)).items.length, 1)

      await page.getByRole('tab', { name: '会议投票' }).click()
      const meeting = page.getByTestId('meeting-ballot')
      const castFor = async (owner) => {
        await pickOwner(page, meeting, 'meeting-voter', owner)
        await meeting.getByTestId('meeting-item-1').getByText('赞同', { exact: true }).click()
        await meeting.getByTestId('meeting-item-2').getByText('无效', { exact: true }).click()
        await meeting.getByTestId('cast-meeting').click()
      }
      await castFor(present)
      const status = page.getByRole('status').filter({ hasText: '已记录' })
      await status.getByText(present.label).waitFor()
      const code = (await status.getByTestId('receipt-code').innerText()).trim()
      assert.match(code, /^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/)
      const receipt = await commissioner.get(`/api/v1/vote-receipts/${code}`)
      assert.equal(receipt.vote.id, vote.id)
      assert.equal(receipt.channel, 'meeting')
      assert.deepEqual(receipt.choices, ['agree', 'invalid'])
      assert.equal(await meeting.getByTestId('meeting-item-1').getByRole('radio', { name: '赞同' }).isChecked(), false, 'the form is cleared')
      assert.equal(await meeting.locator('.el-form-item.is-error').count(), 0, 'the emptied form shows no errors')
      await checkScreen(page, 'meeting ballot', 'voting-meeting-ballot')

      await castFor(present)
      await meeting.getByTestId('meeting-error').getByText('该业主已通过会议现场渠道投票').waitFor()
      assert.equal(await status.count(), 0, 'no receipt is shown for the refused ballot')
      assert.equal((await commissioner.get(`/api/v1/votes/${vote.id}/turnout`)).ballots, 1)
    })

    test('the roster filters on the ballot and finds an address; the non-voters print by unit and are reminded', async () => {
      const commissioner = await apiSession(suite.baseUrl, 'commissioner')
      const vote = await openUnitVote(suite.baseUrl, commissioner)
      const [voter] = await rollOwners(commissioner, vote.id)
      await commissioner.send('POST', `/api/v1/votes/${vote.id}/meeting-ballots`, { voter_id: voter.id, choices: ['agree', 'agree'] }, { expectedStatus: 201 })
      const notVoted = (await commissioner.get(`/api/v1/votes/${vote.id}/roll?voted=no`)).items
      assert.ok(notVoted.length > 0, 'the unit has owners who have not voted')

      const page = await suite.consolePage('commissioner', `/votes/${vote.id}`)
      await page.getByRole('tab', { name: '业主名册' }).click()
      const roll = page.getByTestId('roll')
      const rows = roll.getByTestId('roll-table').locator('tbody tr')
      await roll.getByTestId('roll-voted').click()
      await page.getByRole('option', { name: '未投', exact: true }).click()
      await poppersClosed(page)
      await roll.getByTestId('roll-voted-tag').first().getByText('未投').waitFor()
      await page.waitForFunction(
        (expected) => document.querySelectorAll('[data-testid="roll-table"] tbody tr').length === expected,
        Math.min(notVoted.length, 20),
      )
      assert.equal(await rows.filter({ hasText: '已投' }).count(), 0)
      const first = notVoted[0]
      await roll.getByTestId('roll-address').fill(`${first.building}${first.unit}${first.part.name}`)
      await roll.getByTestId('roll-address').press('Enter')
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="roll-table"] tbody tr').length === 1)
      await rows.first().getByText(first.part.name, { exact: true }).waitFor()
      await checkScreen(page, 'vote roster', 'voting-roster')

      await page.goto(`${suite.baseUrl}/votes/${vote.id}/non-voters`)
      const owners = new Set(notVoted.map((entry) => entry.owner.id)).size
      await page.getByTestId('non-voters-count').getByText(`${owners} 位业主尚未投票`).waitFor()
      assert.equal(await page.getByTestId('non-voter').count(), notVoted.length)
      await page.getByTestId('non-voters-unit').first().getByRole('heading', { name: `${first.building} ${first.unit}` }).waitFor()
      assert.equal(await page.getByTestId('non-voter').filter({ hasText: voter.name }).filter({ hasText: String(voter.id) }).count(), 0)
      await page.emulateMedia({ media: 'print' })
      assert.equal(await page.getByTestId('print').isVisible(), false, 'the toolbar is not printed')
      await page.emulateMedia({ media: 'screen' })
      await checkScreen(page, 'non-voters', 'voting-non-voters')
      await page.getByTestId('remind').click()
      await page.getByText(/已提醒 \d+ 位有账号的业主/).waitFor()
    })
  })
})
