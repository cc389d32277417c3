// npm run demo:code: prints the demo admin's current two-factor code, for trying the demo without an
// authenticator app. The secret is public (README); it is only ever set on demo databases.
import { generateSync } from "otplib"
import { DEMO_ADMIN_EMAIL, DEMO_TOTP_SECRET } from "./seed/demo"

const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30)
console.log(
  `${generateSync({ secret: DEMO_TOTP_SECRET })}  (${DEMO_ADMIN_EMAIL}, valid for about ${secondsLeft} s more)`,
)
